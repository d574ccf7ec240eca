package org.gcommon.plugin.security.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.security.AllPermission;
import java.security.CodeSource;
import java.security.Permission;
import java.security.Permissions;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.function.BiFunction;

/**
 * Defines {@link SandboxSecurityManager} in a protection domain of its own that holds AllPermission
 * statically, so that the SecurityManager's own frames never need Conditional Permission Admin.
 */
final class TrustedDefiner extends ClassLoader {

    private static final String NAME = SandboxSecurityManager.class.getName();

    private TrustedDefiner(ClassLoader parent) {
        super(parent);
    }

    /** @return a new SandboxSecurityManager, defined in the trusted domain */
    @SuppressWarnings("removal")
    static SecurityManager newSecurityManager(BiFunction<Class<?>[], Permission, String> reporter,
            java.util.function.Function<Class<?>[], String> threadGate,
            java.util.function.Function<Class<?>[], ThreadGroup> threadGroups) {
        TrustedDefiner definer = new TrustedDefiner(TrustedDefiner.class.getClassLoader());
        try {
            Class<?> type = definer.loadClass(NAME);
            return (SecurityManager) type.getConstructor(BiFunction.class, java.util.function.Function.class,
                    java.util.function.Function.class).newInstance(reporter, threadGate, threadGroups);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot define the sandbox's SecurityManager: " + e, e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!NAME.equals(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded != null) {
                return loaded;
            }
            byte[] bytes;
            try (InputStream in = TrustedDefiner.class.getResourceAsStream("SandboxSecurityManager.class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name + ": its class file is missing from the security bundle");
                }
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
            Permissions all = new Permissions();
            all.add(new AllPermission());
            ProtectionDomain trusted = new ProtectionDomain(new CodeSource(null, (Certificate[]) null), all);
            return defineClass(name, bytes, 0, bytes.length, trusted);
        }
    }
}
