package org.gcommon.plugin.enforcement.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** What the hooks read from the stack, compared with what the JDK reports. */
class StackTest {

    /** Stands for Felix's SecurityManagerEx: a subclass that hands out getClassContext(). */
    @SuppressWarnings("removal")
    static final class ContextManager extends SecurityManager {
        @Override
        public Class<?>[] getClassContext() {
            return super.getClassContext();
        }
    }

    /** Stands for Felix's BundleImpl: adapt() → checkAdapt(), which reads entry 3, the caller of adapt(). */
    static final class Adapting {
        Class<?>[][] adapt(ContextManager manager) {
            return checkAdapt(manager);
        }

        private Class<?>[][] checkAdapt(ContextManager manager) {
            return new Class<?>[][] { manager.getClassContext(), Enforcement.felixClassContext(manager) };
        }
    }

    @Test
    void felixClassContextListsTheSameTopFramesAsGetClassContext() {
        Class<?>[][] both = new Adapting().adapt(new ContextManager());
        Class<?>[] jdk = both[0];
        Class<?>[] top = both[1];
        assertThat(top).hasSize(4);
        assertThat(top).containsExactly(Arrays.copyOf(jdk, 4));
        assertThat(top[3]).isEqualTo(StackTest.class);
    }
}
