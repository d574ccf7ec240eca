package org.gcommon.plugin.enforcement.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The instrumentation plan against the JDK running the build: every guarded method exists here, and the
 * transformer puts a call into the hook class at its start (or leaves the check to the guarded method it
 * hands over to).
 */
class HooksTest {

    @Test
    void everyRequiredMethodExistsOnThisJdkAndGetsItsHook() throws Exception {
        List<Hook> hooks = Hooks.all();
        GuardTransformer transformer = new GuardTransformer(hooks);
        Map<String, byte[]> transformed = new TreeMap<>();
        for (String owner : transformer.guardedClasses()) {
            Class<?> type = jdkClass(owner);
            if (type == null) {
                continue; // a class some JDKs lack: its hooks are optional, checked below
            }
            byte[] original = classBytes(type);
            byte[] result = transformer.transform(type.getModule(), type.getClassLoader(), owner, null, null, original);
            assertThat(result).as("%s is transformed", owner).isNotNull();
            transformed.put(owner, result);
        }
        assertThat(transformer.failures()).isEmpty();

        List<String> missing = new ArrayList<>();
        for (Hook hook : hooks) {
            if (!transformer.applied().contains(hook.id())) {
                missing.add(hook.id());
                assertThat(hook.required()).as("%s is required but missing on Java %s", hook.id(), Runtime.version()).isFalse();
                continue;
            }
            Set<String> calls = calls(transformed.get(hook.owner()), hook.name(), hook.descriptor());
            if (transformer.covered().contains(hook)) {
                assertThat(calls).as("%s hands over to %s", hook.id(), hook.coveredBy())
                        .contains(hook.owner() + "." + hook.coveredBy());
            } else {
                assertThat(calls.stream().filter(c -> c.startsWith(Hooks.ENFORCEMENT + ".")).collect(Collectors.toList()))
                        .as("%s calls the hook", hook.id()).isNotEmpty();
            }
        }
        assertThat(hooks).hasSizeGreaterThan(80);
        assertThat(missing).as("optional hooks missing on Java %s", Runtime.version()).hasSizeLessThan(5);
    }

    @Test
    void felixGetsOnlyTheTopOfTheClassContextFromJava24On() throws IOException {
        byte[] bundleImpl;
        try (InputStream in = getClass().getResourceAsStream("/org/apache/felix/framework/BundleImpl.class")) {
            bundleImpl = in == null ? null : in.readAllBytes();
        }
        if (bundleImpl == null) {
            return; // Felix is not on this module's class path: the container's distribution tests cover it
        }
        byte[] result = GuardTransformer.topFramesForFelix(bundleImpl);
        assertThat(calls(result, "checkAdapt", "(Ljava/lang/Class;)V")).contains(Hooks.ENFORCEMENT + ".felixClassContext")
                .doesNotContain(GuardTransformer.FELIX_SECURITY_MANAGER_EX + ".getClassContext");
    }

    private static Class<?> jdkClass(String owner) {
        for (ClassLoader loader : new ClassLoader[] { null, ClassLoader.getPlatformClassLoader() }) {
            try {
                return Class.forName(owner.replace('/', '.'), false, loader);
            } catch (ClassNotFoundException e) {
                // try the next loader
            }
        }
        return null;
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getModule().getResourceAsStream(resource)) {
            assertThat(in).as("class file of %s", type).isNotNull();
            return in.readAllBytes();
        }
    }

    /** @return owner.name of every method the given method calls */
    private static Set<String> calls(byte[] bytes, String method, String descriptor) {
        Set<String> calls = new java.util.TreeSet<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                if (!name.equals(method) || !desc.equals(descriptor)) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String callee, String calleeDescriptor, boolean isInterface) {
                        calls.add(owner + "." + callee);
                        calls.add(owner + "." + callee + calleeDescriptor);
                    }
                };
            }
        }, 0);
        return calls;
    }
}
