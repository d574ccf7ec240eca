package org.gcommon.plugin.enforcement.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Every JDK entry point the agent guards, and what each asks the sandbox. The list follows what the
 * Java 17 SecurityManager checked for the same operations, at the lowest place that all public ways to
 * the operation pass through and that is the same from Java 17 to 25.
 */
final class Hooks {

    static final String ENFORCEMENT = "org/gcommon/plugin/enforcement/hook/Enforcement";

    private static final String FILE = "Ljava/io/File;";
    private static final String STRING = "Ljava/lang/String;";
    private static final String PATH = "Ljava/nio/file/Path;";
    private static final String SOCKET_ADDRESS = "Ljava/net/SocketAddress;";

    private Hooks() {
    }

    static List<Hook> all() {
        List<Hook> hooks = new ArrayList<>();
        // --- the VM ---------------------------------------------------------------------------------------
        for (String name : List.of("exit", "halt")) {
            hooks.add(entry("java/lang/Runtime", name, "(I)V", g -> {
                g.loadArg(0);
                call(g, "exit", "(I)V");
            }));
        }
        for (String name : List.of("load0", "loadLibrary0")) {
            hooks.add(entry("java/lang/Runtime", name, "(Ljava/lang/Class;" + STRING + ")V", g -> {
                g.loadArg(1);
                call(g, "loadLibrary", "(" + STRING + ")V");
            }));
        }
        hooks.add(entry("java/lang/ProcessImpl", "start",
                "([Ljava/lang/String;Ljava/util/Map;Ljava/lang/String;[Ljava/lang/ProcessBuilder$Redirect;Z)Ljava/lang/Process;",
                g -> {
                    g.loadArg(0);
                    call(g, "exec", "([Ljava/lang/String;)V");
                }));
        for (String name : List.of("addShutdownHook", "removeShutdownHook")) {
            hooks.add(entry("java/lang/Runtime", name, "(Ljava/lang/Thread;)" + (name.startsWith("add") ? "V" : "Z"),
                    runtime("shutdownHooks")));
        }
        hooks.add(entry("java/lang/System", "setSecurityManager", "(Ljava/lang/SecurityManager;)V",
                direct("setSecurityManager", "java/lang/System")));
        hooks.add(entry("java/security/Policy", "setPolicy", "(Ljava/security/Policy;)V",
                direct("setPolicy", "java/security/Policy")));
        for (String name : List.of("setIn", "setOut", "setErr")) {
            hooks.add(entry("java/lang/System", name, "(" + (name.equals("setIn") ? "Ljava/io/InputStream;" : "Ljava/io/PrintStream;") + ")V",
                    runtime("setIO")));
        }
        hooks.add(entry("java/lang/System", "getenv", "(" + STRING + ")" + STRING, g -> {
            g.loadArg(0);
            call(g, "getenv", "(" + STRING + ")V");
        }));
        hooks.add(entry("java/lang/System", "getenv", "()Ljava/util/Map;", g -> {
            g.push((String) null);
            call(g, "getenv", "(" + STRING + ")V");
        }));
        hooks.add(entry("java/lang/System", "setProperty", "(" + STRING + STRING + ")" + STRING, property()));
        hooks.add(entry("java/lang/System", "clearProperty", "(" + STRING + ")" + STRING, property()));
        hooks.add(entry("java/lang/System", "setProperties", "(Ljava/util/Properties;)V", g -> {
            g.push((String) null);
            call(g, "setProperty", "(" + STRING + ")V");
        }));
        hooks.add(entry("java/util/Locale", "setDefault", "(Ljava/util/Locale;)V", constantProperty("user.language")));
        hooks.add(entry("java/util/TimeZone", "setDefault", "(Ljava/util/TimeZone;)V", constantProperty("user.timezone")));
        hooks.add(entry("java/security/Security", "setProperty", "(" + STRING + STRING + ")V", g -> {
            g.push("setProperty.");
            g.loadArg(0);
            g.invokeVirtual(Type.getType(String.class), Method.getMethod("String concat(String)"));
            call(g, "security", "(" + STRING + ")V");
        }));
        hooks.add(entry("java/security/Security", "addProvider", "(Ljava/security/Provider;)I", security("insertProvider")));
        hooks.add(entry("java/security/Security", "insertProviderAt", "(Ljava/security/Provider;I)I", security("insertProvider")));
        hooks.add(entry("java/security/Security", "removeProvider", "(" + STRING + ")V", g -> {
            g.push("removeProvider.");
            g.loadArg(0);
            g.invokeVirtual(Type.getType(String.class), Method.getMethod("String concat(String)"));
            call(g, "security", "(" + STRING + ")V");
        }));
        hooks.add(entry("java/net/URL", "setURLStreamHandlerFactory", "(Ljava/net/URLStreamHandlerFactory;)V", runtime("setFactory")));
        hooks.add(entry("java/net/URLConnection", "setContentHandlerFactory", "(Ljava/net/ContentHandlerFactory;)V", runtime("setFactory")));
        hooks.add(entry("java/net/URLConnection", "setFileNameMap", "(Ljava/net/FileNameMap;)V", runtime("setFactory")));

        // --- threads ------------------------------------------------------------------------------------
        hooks.add(entry("java/lang/Thread", "start", "()V", g -> {
            g.loadThis();
            call(g, "threadStart", "(Ljava/lang/Thread;)V");
        }));
        hooks.add(optional("java/lang/VirtualThread", "start", "()V", g -> {
            g.loadThis();
            call(g, "threadStart", "(Ljava/lang/Thread;)V");
        }));
        hooks.add(entry("java/lang/Thread", "setContextClassLoader", "(Ljava/lang/ClassLoader;)V", runtime("setContextClassLoader")));
        hooks.add(entry("java/lang/Thread", "setDefaultUncaughtExceptionHandler",
                "(Ljava/lang/Thread$UncaughtExceptionHandler;)V", runtime("setDefaultUncaughtExceptionHandler")));

        // --- reflection and class loaders ---------------------------------------------------------------
        hooks.add(entry("java/lang/reflect/AccessibleObject", "setAccessible", "(Z)V", setAccessible(0)));
        hooks.add(entry("java/lang/reflect/AccessibleObject", "setAccessible", "([Ljava/lang/reflect/AccessibleObject;Z)V", setAccessible(1)));
        hooks.add(entry("java/lang/reflect/AccessibleObject", "trySetAccessible", "()Z",
                direct("suppressAccessChecks", "java/lang/reflect/AccessibleObject")));
        for (String owner : List.of("java/lang/reflect/Field", "java/lang/reflect/Method", "java/lang/reflect/Constructor")) {
            hooks.add(entry(owner, "setAccessible", "(Z)V", setAccessible(0)));
        }
        hooks.add(entry("java/lang/invoke/MethodHandles", "privateLookupIn",
                "(Ljava/lang/Class;Ljava/lang/invoke/MethodHandles$Lookup;)Ljava/lang/invoke/MethodHandles$Lookup;",
                direct("suppressAccessChecks", "java/lang/invoke/MethodHandles")));
        hooks.add(entry("java/lang/ClassLoader", "<init>", "(Ljava/lang/Void;" + STRING + "Ljava/lang/ClassLoader;)V",
                direct("createClassLoader", "java/lang/ClassLoader")));

        // --- java.io files --------------------------------------------------------------------------------
        hooks.add(entry("java/io/FileInputStream", "<init>", "(" + FILE + ")V", argFile(0, "read")));
        hooks.add(entry("java/io/FileOutputStream", "<init>", "(" + FILE + "Z)V", argFile(0, "write")));
        hooks.add(entry("java/io/FileInputStream", "<init>", "(Ljava/io/FileDescriptor;)V", descriptor("read")));
        hooks.add(entry("java/io/FileOutputStream", "<init>", "(Ljava/io/FileDescriptor;)V", descriptor("write")));
        hooks.add(entry("java/io/RandomAccessFile", "<init>", "(" + FILE + STRING + "Z)V", g -> {
            g.loadArg(0);
            g.loadArg(1);
            call(g, "randomAccess", "(" + FILE + STRING + ")V");
        }));
        for (String read : List.of("exists()Z", "isDirectory()Z", "isFile()Z", "isHidden()Z", "lastModified()J", "length()J",
                "canRead()Z", "list()[Ljava/lang/String;")) {
            hooks.add(fileMethod(read, "read"));
        }
        hooks.add(fileMethod("canWrite()Z", "write"));
        hooks.add(fileMethod("canExecute()Z", "execute"));
        for (String write : List.of("createNewFile()Z", "mkdir()Z", "setLastModified(J)Z", "setReadOnly()Z",
                "setWritable(ZZ)Z", "setReadable(ZZ)Z", "setExecutable(ZZ)Z")) {
            hooks.add(fileMethod(write, "write"));
        }
        hooks.add(fileMethod("delete()Z", "delete"));
        hooks.add(fileMethod("deleteOnExit()V", "delete"));
        for (String space : List.of("getTotalSpace()J", "getFreeSpace()J", "getUsableSpace()J")) {
            hooks.add(fileMethod(space, "read"));
        }
        hooks.add(entry("java/io/File", "renameTo", "(" + FILE + ")Z", g -> {
            g.loadThis();
            g.loadArg(0);
            call(g, "file", "(" + FILE + FILE + ")V");
        }));
        hooks.add(new Hook("java/io/File", "createTempFile", "(" + STRING + STRING + FILE + ")" + FILE, true, true,
                g -> call(g, "createdTempFile", "(" + FILE + ")V")));

        // --- java.nio.file, the default file system's provider ---------------------------------------------
        String unix = "sun/nio/fs/UnixFileSystemProvider";
        String attrs = "[Ljava/nio/file/attribute/FileAttribute;";
        String newFileChannel = "newFileChannel(" + PATH + "Ljava/util/Set;" + attrs + ")Ljava/nio/channels/FileChannel;";
        // Java 21+ opens every byte channel through newFileChannel: checked there, once
        hooks.add(new Hook(unix, "newByteChannel", "(" + PATH + "Ljava/util/Set;" + attrs + ")Ljava/nio/channels/SeekableByteChannel;",
                true, false, open(), newFileChannel));
        hooks.add(entry(unix, "newFileChannel", newFileChannel.substring("newFileChannel".length()), open()));
        hooks.add(entry(unix, "newAsynchronousFileChannel",
                "(" + PATH + "Ljava/util/Set;Ljava/util/concurrent/ExecutorService;" + attrs + ")Ljava/nio/channels/AsynchronousFileChannel;", open()));
        hooks.add(entry(unix, "newDirectoryStream", "(" + PATH + "Ljava/nio/file/DirectoryStream$Filter;)Ljava/nio/file/DirectoryStream;", path(0, "read")));
        hooks.add(entry(unix, "createDirectory", "(" + PATH + attrs + ")V", path(0, "write")));
        hooks.add(entry(unix, "createSymbolicLink", "(" + PATH + PATH + attrs + ")V", path(0, "write")));
        hooks.add(entry(unix, "createLink", "(" + PATH + PATH + ")V", path(0, "write")));
        hooks.add(entry(unix, "implDelete", "(" + PATH + "Z)Z", path(0, "delete")));
        hooks.add(entry(unix, "copy", "(" + PATH + PATH + "[Ljava/nio/file/CopyOption;)V", twoPaths("read")));
        hooks.add(entry(unix, "move", "(" + PATH + PATH + "[Ljava/nio/file/CopyOption;)V", twoPaths("write")));
        hooks.add(entry(unix, "checkAccess", "(" + PATH + "[Ljava/nio/file/AccessMode;)V", path(0, "read")));
        hooks.add(entry(unix, "readAttributes", "(" + PATH + "Ljava/lang/Class;[Ljava/nio/file/LinkOption;)Ljava/nio/file/attribute/BasicFileAttributes;", path(0, "read")));
        hooks.add(entry(unix, "isSameFile", "(" + PATH + PATH + ")Z", path(0, "read")));
        hooks.add(entry(unix, "isHidden", "(" + PATH + ")Z", path(0, "read")));
        hooks.add(entry(unix, "readSymbolicLink", "(" + PATH + ")" + PATH, path(0, "read")));
        hooks.add(entry(unix, "getFileStore", "(" + PATH + ")Ljava/nio/file/FileStore;", path(0, "read")));
        hooks.add(optional(unix, "exists", "(" + PATH + "[Ljava/nio/file/LinkOption;)Z", path(0, "read")));
        hooks.add(optional(unix, "readAttributesIfExists",
                "(" + PATH + "Ljava/lang/Class;[Ljava/nio/file/LinkOption;)Ljava/nio/file/attribute/BasicFileAttributes;", path(0, "read")));
        hooks.add(entry("sun/nio/fs/AbstractFileSystemProvider", "readAttributes",
                "(" + PATH + STRING + "[Ljava/nio/file/LinkOption;)Ljava/util/Map;", path(0, "read")));
        hooks.add(entry("sun/nio/fs/AbstractFileSystemProvider", "setAttribute",
                "(" + PATH + STRING + "Ljava/lang/Object;[Ljava/nio/file/LinkOption;)V", path(0, "write")));

        // --- sockets --------------------------------------------------------------------------------------
        hooks.add(entry("java/net/Socket", "connect", "(" + SOCKET_ADDRESS + "I)V", address(0, "connect")));
        hooks.add(entry("java/net/ServerSocket", "bind", "(" + SOCKET_ADDRESS + "I)V", address(0, "listen")));
        hooks.add(new Hook("java/net/ServerSocket", "accept", "()Ljava/net/Socket;", true, true, Hooks::accepted));
        hooks.add(entry("sun/nio/ch/SocketChannelImpl", "connect", "(" + SOCKET_ADDRESS + ")Z", address(0, "connect")));
        hooks.add(entry("sun/nio/ch/ServerSocketChannelImpl", "bind",
                "(" + SOCKET_ADDRESS + "I)Ljava/nio/channels/ServerSocketChannel;", address(0, "listen")));
        hooks.add(new Hook("sun/nio/ch/ServerSocketChannelImpl", "accept", "()Ljava/nio/channels/SocketChannel;", true, true,
                Hooks::accepted));
        hooks.add(entry("sun/nio/ch/DatagramChannelImpl", "bind", "(" + SOCKET_ADDRESS + ")Ljava/nio/channels/DatagramChannel;",
                address(0, "listen")));
        hooks.add(entry("sun/nio/ch/DatagramChannelImpl", "connect", "(" + SOCKET_ADDRESS + "Z)Ljava/nio/channels/DatagramChannel;",
                address(0, "connect")));
        hooks.add(entry("sun/nio/ch/DatagramChannelImpl", "send", "(Ljava/nio/ByteBuffer;" + SOCKET_ADDRESS + ")I",
                address(1, "connect")));
        hooks.add(entry("sun/nio/ch/AsynchronousServerSocketChannelImpl", "bind",
                "(" + SOCKET_ADDRESS + "I)Ljava/nio/channels/AsynchronousServerSocketChannel;", address(0, "listen")));
        hooks.add(entry("sun/nio/ch/UnixAsynchronousSocketChannelImpl", "implConnect",
                "(" + SOCKET_ADDRESS + "Ljava/lang/Object;Ljava/nio/channels/CompletionHandler;)Ljava/util/concurrent/Future;",
                address(0, "connect")));
        hooks.add(entry("jdk/internal/net/http/HttpClientImpl", "sendAsync",
                "(Ljava/net/http/HttpRequest;Ljava/net/http/HttpResponse$BodyHandler;Ljava/net/http/HttpResponse$PushPromiseHandler;"
                        + "Ljava/util/concurrent/Executor;)Ljava/util/concurrent/CompletableFuture;",
                g -> {
                    // java.net.http is the platform class loader's: the hook (bootstrap) sees only java.base types
                    Type request = Type.getObjectType("java/net/http/HttpRequest");
                    g.loadArg(0);
                    g.invokeVirtual(request, new Method("uri", "()Ljava/net/URI;"));
                    g.loadArg(0);
                    g.invokeVirtual(request, new Method("method", "()" + STRING));
                    g.loadArg(0);
                    g.invokeVirtual(request, new Method("headers", "()Ljava/net/http/HttpHeaders;"));
                    g.invokeVirtual(Type.getObjectType("java/net/http/HttpHeaders"), new Method("map", "()Ljava/util/Map;"));
                    call(g, "httpRequest", "(Ljava/net/URI;" + STRING + "Ljava/util/Map;)V");
                }));
        return hooks;
    }

    // --- building blocks ----------------------------------------------------------------------------------

    private static Hook entry(String owner, String name, String descriptor, Consumer<GeneratorAdapter> call) {
        return new Hook(owner, name, descriptor, true, false, call);
    }

    private static Hook optional(String owner, String name, String descriptor, Consumer<GeneratorAdapter> call) {
        return new Hook(owner, name, descriptor, false, false, call);
    }

    private static void call(GeneratorAdapter g, String method, String descriptor) {
        g.visitMethodInsn(Opcodes.INVOKESTATIC, ENFORCEMENT, method, descriptor, false);
    }

    private static Consumer<GeneratorAdapter> runtime(String permission) {
        return g -> {
            g.push(permission);
            call(g, "runtime", "(" + STRING + ")V");
        };
    }

    private static Consumer<GeneratorAdapter> security(String permission) {
        return g -> {
            g.push(permission);
            call(g, "security", "(" + STRING + ")V");
        };
    }

    private static Consumer<GeneratorAdapter> property() {
        return g -> {
            g.loadArg(0);
            call(g, "setProperty", "(" + STRING + ")V");
        };
    }

    private static Consumer<GeneratorAdapter> constantProperty(String key) {
        return g -> {
            g.push(key);
            call(g, "setProperty", "(" + STRING + ")V");
        };
    }

    private static Consumer<GeneratorAdapter> direct(String permission, String entryClass) {
        return g -> {
            g.push(permission);
            g.push(Type.getObjectType(entryClass));
            call(g, "direct", "(" + STRING + "Ljava/lang/Class;)V");
        };
    }

    private static Consumer<GeneratorAdapter> setAccessible(int flagArg) {
        return g -> {
            g.loadArg(flagArg);
            g.push(Type.getObjectType("java/lang/reflect/AccessibleObject"));
            call(g, "setAccessible", "(ZLjava/lang/Class;)V");
        };
    }

    private static Consumer<GeneratorAdapter> argFile(int arg, String actions) {
        return g -> {
            g.loadArg(arg);
            g.push(actions);
            call(g, "file", "(" + FILE + STRING + ")V");
        };
    }

    private static Consumer<GeneratorAdapter> descriptor(String action) {
        return g -> {
            g.push(action);
            call(g, "fileDescriptor", "(" + STRING + ")V");
        };
    }

    private static Hook fileMethod(String nameAndDescriptor, String actions) {
        int paren = nameAndDescriptor.indexOf('(');
        return entry("java/io/File", nameAndDescriptor.substring(0, paren), nameAndDescriptor.substring(paren), g -> {
            g.loadThis();
            g.push(actions);
            call(g, "file", "(" + FILE + STRING + ")V");
        });
    }

    private static Consumer<GeneratorAdapter> open() {
        return g -> {
            g.loadArg(0);
            g.loadArg(1);
            call(g, "open", "(Ljava/lang/Object;Ljava/util/Set;)V");
        };
    }

    private static Consumer<GeneratorAdapter> path(int arg, String actions) {
        return g -> {
            g.loadArg(arg);
            g.push(actions);
            call(g, "path", "(Ljava/lang/Object;" + STRING + ")V");
        };
    }

    private static Consumer<GeneratorAdapter> twoPaths(String sourceActions) {
        return g -> {
            g.loadArg(0);
            g.loadArg(1);
            g.push(sourceActions);
            call(g, "path", "(Ljava/lang/Object;Ljava/lang/Object;" + STRING + ")V");
        };
    }

    private static Consumer<GeneratorAdapter> address(int arg, String what) {
        return g -> {
            g.loadArg(arg);
            call(g, what, "(" + SOCKET_ADDRESS + ")V");
        };
    }

    private static void accepted(GeneratorAdapter g) {
        call(g, "accepted", "(Ljava/lang/Object;)V");
    }
}
