package org.gcommon.plugin.enforcement.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.AdviceAdapter;

/**
 * Puts the hook calls into the guarded JDK methods ({@link Hooks}), and into every other class turns
 * {@code System.getSecurityManager()} into {@code Enforcement.securityManager()} and
 * {@code AccessController.checkPermission(p)} into {@code Enforcement.permission(p)} (see
 * {@code AgentSecurityManager}).
 *
 * <p>Only method bodies change, and no branch is added: classes already loaded can be retransformed and
 * their stack map frames stay valid, so nothing needs loading while a JDK class is transformed.
 */
final class GuardTransformer implements ClassFileTransformer {

    private final Map<String, List<Hook>> byClass = new HashMap<>();
    private final Set<String> applied = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    GuardTransformer(List<Hook> hooks) {
        for (Hook hook : hooks) {
            byClass.computeIfAbsent(hook.owner(), k -> new java.util.ArrayList<>()).add(hook);
        }
    }

    /** @return the ids of the hooks put in place so far */
    Set<String> applied() {
        return applied;
    }

    /** @return classes that could not be transformed, with the reason */
    Map<String, String> failures() {
        return failures;
    }

    Set<String> guardedClasses() {
        return byClass.keySet();
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null) {
            return null;
        }
        try {
            if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
                List<Hook> hooks = byClass.get(className);
                return hooks == null ? null : guard(classfileBuffer, hooks);
            }
            if (className.startsWith("org/gcommon/plugin/enforcement/") || keepsNoSecurityManager(className)) {
                return null;
            }
            if (className.equals(FRAMEWORK_BUNDLE)) {
                byte[] answered = answerHasPermission(classfileBuffer);
                byte[] redirected = redirect(answered);
                return redirected != null ? redirected : answered;
            }
            return mentionsSecurityManager(classfileBuffer) ? redirect(classfileBuffer) : null;
        } catch (RuntimeException | LinkageError e) {
            // A class the agent cannot read stays as it is; for a guarded JDK class the hook is then reported missing.
            failures.put(className, e.toString());
            return null;
        }
    }

    private byte[] guard(byte[] bytes, List<Hook> hooks) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                for (Hook hook : hooks) {
                    if (hook.name().equals(name) && hook.descriptor().equals(descriptor)
                            && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0) {
                        applied.add(hook.id());
                        return new AdviceAdapter(Opcodes.ASM9, mv, access, name, descriptor) {
                            @Override
                            protected void onMethodEnter() {
                                if (!hook.onExit()) {
                                    hook.call().accept(this);
                                }
                            }

                            @Override
                            protected void onMethodExit(int opcode) {
                                if (hook.onExit() && opcode == Opcodes.ARETURN) {
                                    dup();
                                    hook.call().accept(this);
                                }
                            }
                        };
                    }
                }
                return mv;
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    private static byte[] redirect(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = new boolean[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                        if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System")
                                && method.equals("getSecurityManager") && desc.equals("()Ljava/lang/SecurityManager;")) {
                            changed[0] = true;
                            super.visitMethodInsn(opcode, Hooks.ENFORCEMENT, "securityManager", desc, false);
                        } else if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/security/AccessController")
                                && method.equals("checkPermission") && desc.equals("(Ljava/security/Permission;)V")) {
                            changed[0] = true;
                            super.visitMethodInsn(opcode, Hooks.ENFORCEMENT, "permission", desc, false);
                        } else {
                            super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                        }
                    }
                };
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : null;
    }

    /** Felix's bundle: its {@code hasPermission} asks the sandbox (it otherwise asks the framework's protection domains). */
    static final String FRAMEWORK_BUNDLE = "org/apache/felix/framework/BundleImpl";

    /** Replaces the body of {@code BundleImpl.hasPermission(Object)} with {@code Enforcement.bundleHasPermission(this, obj)}. */
    static byte[] answerHasPermission(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (!name.equals("hasPermission") || !descriptor.equals("(Ljava/lang/Object;)Z")) {
                    return mv;
                }
                mv.visitCode();
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitVarInsn(Opcodes.ALOAD, 1);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, Hooks.ENFORCEMENT, "bundleHasPermission",
                        "(Ljava/lang/Object;Ljava/lang/Object;)Z", false);
                mv.visitInsn(Opcodes.IRETURN);
                mv.visitMaxs(2, 2);
                mv.visitEnd();
                return null; // the original body is dropped
            }
        }, 0);
        return writer.toByteArray();
    }

    /**
     * Framework classes that must keep seeing no SecurityManager: the resolver's filtering by
     * PackagePermission and CapabilityPermission, and Conditional Permission Admin's own implementation,
     * decide with the framework's protection domains, which only a real SecurityManager makes sound.
     * Resolution stays guarded by the scanner's resolver hook; what plugin code does, by the hooks.
     */
    static boolean keepsNoSecurityManager(String className) {
        return className.equals("org/apache/felix/framework/StatefulResolver")
                || className.startsWith("org/apache/felix/resolver/")
                || className.startsWith("org/apache/felix/framework/security/")
                || className.startsWith("org/apache/felix/framework/BundleProtectionDomain");
    }

    /** A quick look at the constant pool's text before parsing: most classes never ask for the SecurityManager. */
    static boolean mentionsSecurityManager(byte[] bytes) {
        return contains(bytes, GET_SECURITY_MANAGER) || contains(bytes, ACCESS_CONTROLLER);
    }

    private static final byte[] GET_SECURITY_MANAGER = "getSecurityManager".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] ACCESS_CONTROLLER = "java/security/AccessController".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean contains(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        int last = haystack.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
