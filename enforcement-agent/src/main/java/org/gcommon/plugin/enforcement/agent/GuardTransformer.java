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
    /** Hooks left to the guarded method their body hands over to (see {@link Hook#coveredBy()}). */
    private final Set<Hook> covered = ConcurrentHashMap.newKeySet();
    private volatile boolean coverage = true;
    private final boolean felixTopFrames;

    GuardTransformer(List<Hook> hooks) {
        this(hooks, Runtime.version().feature() >= 24);
    }

    /**
     * @param felixTopFrames whether Felix's {@code BundleImpl} gets only the top of the class context it
     *        asks for (see {@code Enforcement.felixClassContext}): from Java 24 on, where the JDK builds that
     *        array with a StackWalker, so the frames are the same
     */
    GuardTransformer(List<Hook> hooks, boolean felixTopFrames) {
        this.felixTopFrames = felixTopFrames;

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

    /** @return the hooks whose check was left to the method they hand over to */
    Set<Hook> covered() {
        return covered;
    }

    /** From now on every hook gets its own check, also where another guarded method would make it. */
    void disableCoverage() {
        coverage = false;
        covered.clear();
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
                if (felixTopFrames) {
                    answered = topFramesForFelix(answered);
                }
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

    byte[] guard(byte[] bytes, List<Hook> hooks) {
        ClassReader reader = new ClassReader(bytes);
        Set<Hook> delegating = coverage ? delegating(reader, hooks) : Set.of();
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                for (Hook hook : hooks) {
                    if (hook.name().equals(name) && hook.descriptor().equals(descriptor)
                            && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0) {
                        applied.add(hook.id());
                        if (delegating.contains(hook)) {
                            covered.add(hook);
                            return mv;
                        }
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

    /**
     * @return the hooks whose method starts by passing its own arguments, unchanged and in order, to the
     *         guarded method named by {@link Hook#coveredBy()} (on {@code this}, same parameter types): that
     *         method's hook then makes the same check
     */
    private static Set<Hook> delegating(ClassReader reader, List<Hook> hooks) {
        Set<Hook> found = new java.util.HashSet<>();
        for (Hook hook : hooks) {
            if (hook.coveredBy() == null || hook.onExit()) {
                continue;
            }
            String calleeDescriptor = hook.coveredBy().substring(hook.coveredBy().indexOf('('));
            String calleeName = hook.coveredBy().substring(0, hook.coveredBy().indexOf('('));
            org.objectweb.asm.Type[] arguments = org.objectweb.asm.Type.getArgumentTypes(hook.descriptor());
            if (!java.util.Arrays.equals(arguments, org.objectweb.asm.Type.getArgumentTypes(calleeDescriptor))) {
                continue;
            }
            List<Integer> expected = new java.util.ArrayList<>();
            expected.add(0);
            int slot = 1;
            for (org.objectweb.asm.Type argument : arguments) {
                expected.add(slot);
                slot += argument.getSize();
            }
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    if (!name.equals(hook.name()) || !descriptor.equals(hook.descriptor()) || (access & Opcodes.ACC_STATIC) != 0) {
                        return null;
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        private final List<Integer> loaded = new java.util.ArrayList<>();
                        private boolean decided;

                        @Override
                        public void visitVarInsn(int opcode, int var) {
                            if (!decided && opcode >= Opcodes.ILOAD && opcode <= Opcodes.ALOAD) {
                                loaded.add(var);
                            } else {
                                decided = true;
                            }
                        }

                        @Override
                        public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                            if (!decided && owner.equals(hook.owner()) && method.equals(calleeName) && desc.equals(calleeDescriptor)
                                    && (opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKESPECIAL) && loaded.equals(expected)) {
                                found.add(hook);
                            }
                            decided = true;
                        }

                        @Override
                        public void visitInsn(int opcode) {
                            decided = true;
                        }

                        @Override
                        public void visitIntInsn(int opcode, int operand) {
                            decided = true;
                        }

                        @Override
                        public void visitTypeInsn(int opcode, String type) {
                            decided = true;
                        }

                        @Override
                        public void visitFieldInsn(int opcode, String owner, String name, String desc) {
                            decided = true;
                        }

                        @Override
                        public void visitInvokeDynamicInsn(String name, String desc, org.objectweb.asm.Handle bsm, Object... args) {
                            decided = true;
                        }

                        @Override
                        public void visitJumpInsn(int opcode, org.objectweb.asm.Label label) {
                            decided = true;
                        }

                        @Override
                        public void visitLdcInsn(Object value) {
                            decided = true;
                        }

                        @Override
                        public void visitIincInsn(int var, int increment) {
                            decided = true;
                        }

                        @Override
                        public void visitTableSwitchInsn(int min, int max, org.objectweb.asm.Label dflt, org.objectweb.asm.Label... labels) {
                            decided = true;
                        }

                        @Override
                        public void visitLookupSwitchInsn(org.objectweb.asm.Label dflt, int[] keys, org.objectweb.asm.Label[] labels) {
                            decided = true;
                        }

                        @Override
                        public void visitMultiANewArrayInsn(String desc, int dims) {
                            decided = true;
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        }
        return found;
    }

    /** Felix's {@code SecurityManagerEx}, whose {@code getClassContext()} BundleImpl calls. */
    static final String FELIX_SECURITY_MANAGER_EX = "org/apache/felix/framework/util/SecurityManagerEx";

    /**
     * In {@code BundleImpl}, {@code SecurityManagerEx.getClassContext()} becomes
     * {@code Enforcement.felixClassContext(securityManagerEx)}: the same first four entries, from a walk of
     * the top frames only.
     */
    static byte[] topFramesForFelix(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                        if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals(FELIX_SECURITY_MANAGER_EX)
                                && method.equals("getClassContext") && desc.equals("()[Ljava/lang/Class;")) {
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, Hooks.ENFORCEMENT, "felixClassContext",
                                    "(Ljava/lang/Object;)[Ljava/lang/Class;", false);
                        } else {
                            super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                        }
                    }
                };
            }
        }, 0);
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
