package org.gcommon.plugin.security.scanner.internal;

import org.gcommon.plugin.security.scanner.ScanRule;

/**
 * Which bytecode references the bytecode rules look for, and what each finding tells the author.
 * Owners and types are JVM internal names ({@code java/lang/System}).
 */
final class BytecodeRules {

    /** A reference a rule looks for, with the message for the author. */
    record Match(ScanRule rule, String message) {
    }

    static final String THREAD_ADVICE = "threads a plugin starts itself are not stopped with it and escape the "
            + "runtime's limits: run work on the executor the runtime provides, or at least end every thread in stop()";

    private BytecodeRules() {
    }

    /** Runs for every call in every class: builds no strings until something matches. */
    static Match call(String owner, String name) {
        switch (owner) {
            case "java/lang/System":
                switch (name) {
                    case "exit":
                        return exit(member(owner, name));
                    case "load", "loadLibrary":
                        return nativeLibrary(member(owner, name));
                    default:
                        return null;
                }
            case "java/lang/Runtime":
                switch (name) {
                    case "exit", "halt":
                        return exit(member(owner, name));
                    case "exec":
                        return process(member(owner, name));
                    case "load", "loadLibrary":
                        return nativeLibrary(member(owner, name));
                    default:
                        return null;
                }
            case "java/lang/ProcessBuilder":
                return switch (name) {
                    case "<init>" -> process("new java.lang.ProcessBuilder");
                    case "start", "startPipeline" -> process(member(owner, name));
                    default -> null;
                };
            case "java/lang/reflect/AccessibleObject", "java/lang/reflect/Field", "java/lang/reflect/Method",
                    "java/lang/reflect/Constructor", "java/lang/reflect/Executable":
                return name.equals("setAccessible") || name.equals("trySetAccessible")
                        ? new Match(ScanRule.BYTECODE_SET_ACCESSIBLE, "calls " + member(owner, name) + ", which switches off access "
                                + "checks to reach private members; use public API, or have the owner of the code "
                                + "export what you need")
                        : null;
            case "java/net/URLClassLoader":
                return name.equals("newInstance") ? classLoader(member(owner, name)) : null;
            case "java/lang/invoke/MethodHandles$Lookup":
                return name.startsWith("defineClass") || name.startsWith("defineHiddenClass")
                        ? new Match(ScanRule.BYTECODE_CLASS_LOADER, "calls " + member(owner, name) + ", which defines classes at run "
                                + "time that the scanner never saw; ship the classes in the jar instead")
                        : null;
            case "java/lang/invoke/MethodHandles":
                return name.equals("privateLookupIn") ? invokeInternals("calls " + member(owner, name) + ", which grants private "
                        + "access to another class; use its public API, or a lookup the other code hands out itself")
                        : null;
            case "java/lang/Thread":
                return switch (name) {
                    case "ofPlatform", "ofVirtual", "startVirtualThread" -> thread("calls " + member(owner, name));
                    default -> null;
                };
            case "java/util/concurrent/Executors":
                return name.startsWith("new") || name.endsWith("ThreadFactory") ? thread("calls " + member(owner, name)) : null;
            default:
                if (isUnsafe(owner)) {
                    return unsafe("calls " + member(owner, name));
                }
                return null;
        }
    }

    static Match field(String owner, String name) {
        if (isUnsafe(owner)) {
            return unsafe("reads " + display(owner) + "." + name);
        }
        if (owner.equals("java/lang/invoke/MethodHandles$Lookup") && name.equals("IMPL_LOOKUP")) {
            return implLookup();
        }
        return null;
    }

    static Match instantiation(String type) {
        return switch (type) {
            case "java/lang/Thread", "java/util/concurrent/ThreadPoolExecutor",
                    "java/util/concurrent/ScheduledThreadPoolExecutor", "java/util/concurrent/ForkJoinPool",
                    "java/util/Timer" -> thread("creates a new " + display(type));
            default -> isClassLoaderType(type) ? classLoader("new " + display(type)) : null;
        };
    }

    static Match typeReference(String type) {
        return isUnsafe(type) ? unsafe("refers to " + display(type)) : null;
    }

    static Match stringConstant(String s) {
        return switch (s) {
            case "IMPL_LOOKUP" -> implLookup();
            case "sun.misc.Unsafe", "jdk.internal.misc.Unsafe", "theUnsafe" -> unsafe("names \"" + s + "\" (reflection "
                    + "on Unsafe)");
            default -> null;
        };
    }

    static boolean isClassLoaderType(String type) {
        return switch (type) {
            case "java/lang/ClassLoader", "java/security/SecureClassLoader", "java/net/URLClassLoader" -> true;
            default -> false;
        };
    }

    private static boolean isUnsafe(String type) {
        return type.equals("sun/misc/Unsafe") || type.equals("jdk/internal/misc/Unsafe");
    }

    private static Match exit(String member) {
        return new Match(ScanRule.BYTECODE_SYSTEM_EXIT, "calls " + member + ", which would stop the whole container; "
                + "throw a PluginException from start(), or report UNHEALTHY from health(), instead");
    }

    private static Match process(String what) {
        return new Match(ScanRule.BYTECODE_PROCESS, "starts an operating system process (" + what + "); do the work in "
                + "Java, or use a service of the runtime that is allowed to");
    }

    private static Match nativeLibrary(String member) {
        return new Match(ScanRule.BYTECODE_NATIVE_LIBRARY, "calls " + member + " to load native code; use a pure-Java "
                + "library instead");
    }

    private static Match unsafe(String what) {
        return new Match(ScanRule.BYTECODE_UNSAFE, what + "; use VarHandle, java.util.concurrent or ByteBuffer instead "
                + "of Unsafe");
    }

    private static Match classLoader(String what) {
        return new Match(ScanRule.BYTECODE_CLASS_LOADER, "creates a class loader (" + what + "); load classes through "
                + "the bundle's imports (Import-Package) and let the framework do the loading");
    }

    private static Match thread(String what) {
        return new Match(ScanRule.BYTECODE_THREAD, what + "; " + THREAD_ADVICE);
    }

    private static Match invokeInternals(String message) {
        return new Match(ScanRule.BYTECODE_INVOKE_INTERNALS, message);
    }

    private static Match implLookup() {
        return invokeInternals("reaches for MethodHandles.Lookup.IMPL_LOOKUP, the JDK's all-powerful lookup; use "
                + "public API instead");
    }

    private static String member(String owner, String name) {
        return display(owner) + "." + name;
    }

    private static String display(String internalName) {
        return internalName.replace('/', '.').replace('$', '.');
    }
}
