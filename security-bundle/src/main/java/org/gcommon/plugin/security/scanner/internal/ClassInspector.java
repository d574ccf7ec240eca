package org.gcommon.plugin.security.scanner.internal;

import java.util.HashSet;
import java.util.Set;

import org.gcommon.plugin.security.scanner.ScanRule;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads one class file with ASM and reports the calls, instantiations, field reads, constants and
 * method references (lambdas and {@code System::exit} alike) that the bytecode rules look for, each
 * with its class, method and source line.
 */
final class ClassInspector {

    /** Larger class files are not read (and reported): ASM keeps a class in memory while reading it. */
    static final int MAX_CLASS_BYTES = 4 * 1024 * 1024;

    private static final int ASM_API = Opcodes.ASM9;

    private final FindingCollector findings;

    ClassInspector(FindingCollector findings) {
        this.findings = findings;
    }

    /**
     * @param entry the class's entry in the archive
     * @param bytes the class file
     */
    void inspect(String entry, byte[] bytes) {
        String shape = ClassFileShape.problem(bytes);
        if (shape != null) {
            findings.add(ScanRule.BYTECODE_UNREADABLE_CLASS, entry, "the class cannot be read (" + shape + "); rebuild the "
                    + "jar with a Java compiler, or remove the entry if it is not a class");
            return;
        }
        try {
            new ClassReader(bytes).accept(new ClassScanner(entry), ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            unreadable(entry, bytes, e);
        }
    }

    void tooLarge(String entry, long size) {
        findings.add(ScanRule.BYTECODE_UNREADABLE_CLASS, entry, "the class file has " + size + " bytes, more than the "
                + MAX_CLASS_BYTES + " the scanner reads; no compiler makes such classes, so rebuild the jar from source");
    }

    private void unreadable(String entry, byte[] bytes, RuntimeException e) {
        String why;
        if (bytes.length < 4 || (bytes[0] & 0xff) != 0xca || (bytes[1] & 0xff) != 0xfe || (bytes[2] & 0xff) != 0xba
                || (bytes[3] & 0xff) != 0xbe) {
            why = "it does not start like a class file";
        } else if (String.valueOf(e.getMessage()).startsWith("Unsupported class file major version")) {
            int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
            why = "class file version " + major + " (Java " + (major - 44) + ") is newer than the scanner reads";
        } else {
            why = "it is damaged: " + Describe.exception(e);
        }
        findings.add(ScanRule.BYTECODE_UNREADABLE_CLASS, entry, "the class cannot be read (" + why + "); rebuild the "
                + "jar with a Java compiler targeting Java 17 (release 17), or remove the entry if it is not a class");
    }

    private final class ClassScanner extends ClassVisitor {

        private final String entry;
        private String className;
        /** Reported once per rule, method and line. */
        private final Set<String> seen = new HashSet<>();

        ClassScanner(String entry) {
            super(ASM_API);
            this.entry = entry;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            className = dotted(name);
            if (superName != null && BytecodeRules.isClassLoaderType(superName)) {
                report(ScanRule.BYTECODE_CLASS_LOADER, null, -1, "the class extends " + dotted(superName)
                        + ", a class loader of its own; load classes through the bundle's imports (Import-Package) "
                        + "instead, and let the framework do the loading");
            }
            if ("java/lang/Thread".equals(superName)) {
                report(ScanRule.BYTECODE_THREAD, null, -1, "the class extends java.lang.Thread; "
                        + BytecodeRules.THREAD_ADVICE);
            }
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            return new MethodScanner(name);
        }

        void report(ScanRule rule, String method, int line, String message) {
            if (seen.add(rule.id() + '|' + method + '|' + line + '|' + message)) {
                findings.add(rule, entry, className, method, line, message);
            }
        }

        private final class MethodScanner extends MethodVisitor {

            private final String method;
            private int line = -1;

            MethodScanner(String method) {
                super(ASM_API);
                this.method = method;
            }

            @Override
            public void visitLineNumber(int line, Label start) {
                this.line = line;
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                member(owner, name, false);
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                if (opcode == Opcodes.NEW) {
                    BytecodeRules.Match m = BytecodeRules.instantiation(type);
                    if (m != null) {
                        report(m.rule(), method, line, m.message());
                    }
                }
                typeReference(type);
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                member(owner, name, true);
            }

            @Override
            public void visitLdcInsn(Object value) {
                if (value instanceof String s) {
                    BytecodeRules.Match m = BytecodeRules.stringConstant(s);
                    if (m != null) {
                        report(m.rule(), method, line, m.message());
                    }
                } else if (value instanceof Type t && t.getSort() == Type.OBJECT) {
                    typeReference(t.getInternalName());
                } else if (value instanceof Handle h) {
                    handle(h);
                }
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                for (Object a : arguments) {
                    if (a instanceof Handle h) {
                        handle(h);
                    }
                }
            }

            private void handle(Handle h) {
                member(h.getOwner(), h.getName(), h.getTag() <= Opcodes.H_PUTSTATIC);
            }

            private void member(String owner, String name, boolean field) {
                BytecodeRules.Match m = field ? BytecodeRules.field(owner, name) : BytecodeRules.call(owner, name);
                if (m != null) {
                    report(m.rule(), method, line, m.message());
                }
            }

            private void typeReference(String type) {
                BytecodeRules.Match m = BytecodeRules.typeReference(type);
                if (m != null) {
                    report(m.rule(), method, line, m.message());
                }
            }
        }
    }

    static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }
}
