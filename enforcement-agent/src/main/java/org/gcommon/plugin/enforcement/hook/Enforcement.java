package org.gcommon.plugin.enforcement.hook;

import java.io.File;
import java.io.FilePermission;
import java.lang.reflect.ReflectPermission;
import java.net.InetSocketAddress;
import java.net.NetPermission;
import java.net.SocketAddress;
import java.net.SocketPermission;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.AccessControlException;
import java.security.Permission;
import java.security.SecurityPermission;
import java.util.PropertyPermission;
import java.util.Set;

/**
 * What the JDK's guarded entry points call once the enforcement agent has instrumented them: file
 * access, sockets, processes, exit, native libraries, thread start, reflection and the few global
 * switches of the JVM. Each call finds the plugin code on the current stack and asks the installed
 * {@link Checker}; code that is not a plugin's costs one stack walk and no allocation of a permission.
 *
 * <p>This class lives on the bootstrap class path (the JDK's own classes must see it) in the unnamed
 * module the agent makes {@code java.base} read. It uses JDK types only.
 */
@SuppressWarnings({ "removal", "deprecation" })
public final class Enforcement {

    /** System property the agent sets once its hooks are in place; the launcher and the runtime read it. */
    public static final String ENFORCER_PROPERTY = "gcommon.sandbox.enforcer";

    /** The value of {@link #ENFORCER_PROPERTY} while the agent enforces. */
    public static final String AGENT = "agent";

    /**
     * Locations of plugin bundles start with this (the runtime's {@code PluginConstants.PLUGIN_LOCATION_PREFIX}):
     * needed to recognise plugin code before a checker is installed.
     */
    public static final String PLUGIN_LOCATION_PREFIX = "gcommon:";

    private static final Permission INSTALL = new RuntimePermission("gcommon.sandbox.checker");
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    /** The installed checker and what it granted so far; {@code null} while none is installed. */
    private static volatile Decisions decisions;
    private static volatile String[] missingHooks = new String[0];

    /** Set while the checker (trusted code) runs, so that what it does is not checked again. */
    private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();

    private Enforcement() {
    }

    // --- the runtime's side ------------------------------------------------------------------------

    /**
     * Installs the checker that decides for plugin code; replaces an earlier one only when that one lets
     * the calling code do so. Plugin code may never install one.
     *
     * @throws SecurityException when plugin code is on the stack, or the current checker refuses
     */
    public static synchronized void install(Checker next) {
        if (next == null) {
            throw new NullPointerException("checker");
        }
        permission(INSTALL);
        decisions = new Decisions(next);
    }

    /** Removes the checker, if it is still {@code current}: plugin code is then refused everything again. */
    public static synchronized void uninstall(Checker current) {
        permission(INSTALL);
        Decisions installed = decisions;
        if (installed != null && installed.checker == current) {
            decisions = null;
        }
    }

    /**
     * Forgets the granted decisions remembered for {@code current}, if it is still the installed checker:
     * its policy changed (a grant, a bundle, the permission table). Checks from then on ask it again.
     * Only the holder of the installed checker can name it, so no other code can empty the memory.
     */
    public static synchronized void forget(Checker current) {
        Decisions installed = decisions;
        if (installed != null && installed.checker == current) {
            decisions = new Decisions(current);
        }
    }

    /** @return whether a checker is installed */
    public static boolean checkerInstalled() {
        return decisions != null;
    }

    /** @return the guarded entry points this JDK lacked (the agent could not instrument them) */
    public static String[] missingHooks() {
        return missingHooks.clone();
    }

    /**
     * Called by the agent before it instruments anything: loads and initialises what a check needs
     * (the stack walker, permission types), so that no hook runs into a class still being initialised.
     */
    public static void prepare() {
        BUSY.set(Boolean.TRUE);
        try {
            Stack.plugins(null);
            Stack.pluginsCalling(null, Object.class, new ThreadLocal<>());
            Stack.top(Object.class, 3);
            new Decisions(null).grantFile(Object.class, "/", "read");
            Object[] warm = { AgentSecurityManager.INSTANCE, new AccessControlException("warm-up", null),
                    new FilePermission("/", "read"), new SocketPermission("localhost:0", "listen"),
                    new RuntimePermission("warm-up"), new PropertyPermission("warm-up", "write"),
                    new ReflectPermission("suppressAccessChecks"), new SecurityPermission("warm-up"),
                    new NetPermission("warm-up"), StandardOpenOption.WRITE, FileSystems.getDefault() };
            if (warm.length == 0) {
                throw new IllegalStateException();
            }
        } finally {
            BUSY.remove();
        }
    }

    /** Called by the agent once its hooks are in place. */
    public static void agentInstalled(String[] missing) {
        missingHooks = missing.clone();
    }

    /** @return the SecurityManager that libraries outside the JDK see instead of {@code null} */
    public static SecurityManager securityManager() {
        return AgentSecurityManager.INSTANCE;
    }

    // --- entry points the instrumented JDK calls -------------------------------------------------

    /** {@code Runtime.exit}, {@code Runtime.halt} (and so {@code System.exit}). */
    public static void exit(int status) {
        Object[] plugins = pluginsOnStack();
        if (plugins != null) {
            check(plugins, new RuntimePermission("exitVM." + status));
        }
    }

    /** {@code Runtime.load0}, {@code Runtime.loadLibrary0} (and so {@code System.load}, {@code loadLibrary}). */
    public static void loadLibrary(String library) {
        Object[] plugins = pluginsOnStack();
        if (plugins != null) {
            check(plugins, new RuntimePermission("loadLibrary." + library));
        }
    }

    /** {@code ProcessImpl.start}: every process the JDK starts. */
    public static void exec(String[] command) {
        Object[] plugins = pluginsOnStack();
        if (plugins != null) {
            String program = command == null || command.length == 0 ? "" : command[0];
            checkFile(plugins, new File(program).isAbsolute() ? program : "<<ALL FILES>>", "execute");
        }
    }

    /** {@code java.io} file access: {@code File} methods, file streams. */
    public static void file(File file, String actions) {
        Object[] plugins;
        if (file != null && (plugins = pluginsOnStack()) != null) {
            checkFile(plugins, file.getPath(), actions);
        }
    }

    /** {@code File.renameTo}, {@code Files.move}: both ends are written. */
    public static void file(File from, File to) {
        Object[] plugins;
        if (from != null && to != null && (plugins = pluginsOnStack()) != null) {
            checkFile(plugins, from.getPath(), "write");
            checkFile(plugins, to.getPath(), "write");
        }
    }

    /** {@code RandomAccessFile}: read, and write too when the mode says so. */
    public static void randomAccess(File file, String mode) {
        Object[] plugins;
        if (file != null && (plugins = pluginsOnStack()) != null) {
            checkFile(plugins, file.getPath(), "read");
            if (mode != null && mode.indexOf('w') >= 0) {
                checkFile(plugins, file.getPath(), "write");
            }
        }
    }

    /** Streams on a file descriptor ({@code FileInputStream(FileDescriptor)} and the like). */
    public static void fileDescriptor(String action) {
        Object[] plugins = pluginsOnStack();
        if (plugins != null) {
            check(plugins, new RuntimePermission(action + "FileDescriptor"));
        }
    }

    /** The default file system's provider: every {@code java.nio.file} operation on a path. */
    public static void path(Object path, String actions) {
        Object[] plugins;
        if (path instanceof Path p && isDefault(p) && (plugins = pluginsOnStack()) != null) {
            checkFile(plugins, p.toString(), actions);
        }
    }

    /** {@code Files.copy}, {@code Files.move}: the source is read (moved: written), the target written. */
    public static void path(Object source, Object target, String sourceActions) {
        Object[] plugins;
        if (source instanceof Path s && target instanceof Path t && isDefault(s) && (plugins = pluginsOnStack()) != null) {
            checkFile(plugins, s.toString(), sourceActions);
            checkFile(plugins, t.toString(), "write");
        }
    }

    /** Opening a path: read, write, delete or several, from the open options. */
    public static void open(Object path, Set<?> options) {
        Object[] plugins;
        if (path instanceof Path p && isDefault(p) && (plugins = pluginsOnStack()) != null) {
            boolean write = options != null && (options.contains(StandardOpenOption.WRITE)
                    || options.contains(StandardOpenOption.APPEND));
            boolean read = !write || options.contains(StandardOpenOption.READ);
            String name = p.toString();
            if (read) {
                checkFile(plugins, name, "read");
            }
            if (write) {
                checkFile(plugins, name, "write");
            }
            if (options != null && options.contains(StandardOpenOption.DELETE_ON_CLOSE)) {
                checkFile(plugins, name, "delete");
            }
        }
    }

    /** {@code Socket.connect}, {@code SocketChannel.connect}, datagram connect and send. */
    public static void connect(SocketAddress address) {
        Object[] plugins;
        if (address != null && (plugins = pluginsOnStack()) != null) {
            check(plugins, connectPermission(address, "connect,resolve"));
        }
    }

    /** {@code ServerSocket.bind}, {@code ServerSocketChannel.bind}, datagram bind: listening on a port. */
    public static void listen(SocketAddress address) {
        Object[] plugins = pluginsOnStack();
        if (plugins != null) {
            int port = address instanceof InetSocketAddress inet ? inet.getPort() : 0;
            if (address != null && !(address instanceof InetSocketAddress)) {
                check(plugins, new NetPermission("accessUnixDomainSocket"));
            } else {
                check(plugins, new SocketPermission("localhost:" + port, "listen,resolve"));
            }
        }
    }

    /**
     * {@code ServerSocket.accept}, {@code ServerSocketChannel.accept}, on their way out: a connection a
     * plugin may not accept is closed before the plugin sees it.
     */
    public static void accepted(Object connection) {
        Object[] plugins;
        if (connection == null || (plugins = pluginsOnStack()) == null) {
            return;
        }
        SocketAddress remote = null;
        try {
            if (connection instanceof java.net.Socket socket) {
                remote = socket.getRemoteSocketAddress();
            } else if (connection instanceof java.nio.channels.SocketChannel channel) {
                remote = channel.getRemoteAddress();
            }
        } catch (java.io.IOException | RuntimeException e) {
            remote = null;
        }
        if (remote == null) {
            return;
        }
        try {
            check(plugins, connectPermission(remote, "accept,resolve"));
        } catch (SecurityException e) {
            try {
                ((java.io.Closeable) connection).close();
            } catch (java.io.IOException | RuntimeException ignored) {
                // the connection is refused either way
            }
            throw e;
        }
    }

    /**
     * {@code File.createTempFile}, on its way out: the new file must be one the plugin may write (where
     * the JDK picks the name, only the created file can be judged); a refused one is removed again.
     */
    public static void createdTempFile(File file) {
        Object[] plugins;
        if (file == null || (plugins = pluginsOnStack()) == null) {
            return;
        }
        try {
            checkFile(plugins, file.getPath(), "write");
        } catch (SecurityException e) {
            BUSY.set(Boolean.TRUE);
            try {
                file.delete();
            } finally {
                BUSY.remove();
            }
            throw e;
        }
    }

    /** {@code Thread.start}: the plugin whose own code starts a thread is asked for its thread limit. */
    public static void threadStart(Thread thread) {
        if (BUSY.get() != null) {
            return;
        }
        BUSY.set(Boolean.TRUE);
        String refusal;
        try {
            Decisions current = decisions;
            refusal = Stack.admitThread(current == null ? null : current.checker, thread);
        } finally {
            BUSY.remove();
        }
        if (refusal != null) {
            throw new SecurityException(refusal);
        }
    }

    /**
     * Operations that only a plugin's own call should be refused: reflection's {@code setAccessible},
     * creating class loaders, replacing the policy. The JDK uses them on its own behalf (on Java 17 inside
     * its privileged blocks), so they are checked only when the code calling {@code entry} directly is not
     * the JDK's.
     */
    public static void direct(String what, Class<?> entry) {
        Decisions current = decisions;
        if (Stack.pluginsCalling(current == null ? null : current.checker, entry, BUSY)) {
            permission(switch (what) {
            case "suppressAccessChecks" -> new ReflectPermission("suppressAccessChecks");
            case "setPolicy" -> new SecurityPermission("setPolicy");
            default -> new RuntimePermission(what);
            });
        }
    }

    /** {@code setAccessible(flag)}: only making something accessible is checked. */
    public static void setAccessible(boolean flag, Class<?> entry) {
        if (flag) {
            direct("suppressAccessChecks", entry);
        }
    }

    /** A {@link RuntimePermission} by name: setIO, shutdownHooks, setContextClassLoader, setFactory … */
    public static void runtime(String name) {
        Object[] plugins = pluginsOnStack();
        if (plugins != null) {
            check(plugins, new RuntimePermission(name));
        }
    }

    /** {@code System.getenv(name)}; {@code null} stands for every variable ({@code System.getenv()}). */
    public static void getenv(String name) {
        Object[] plugins = pluginsOnStack();
        if (plugins != null) {
            check(plugins, new RuntimePermission("getenv." + (name == null ? "*" : name)));
        }
    }

    /** {@code System.setProperty}, {@code clearProperty}; {@code null} stands for all ({@code setProperties}). */
    public static void setProperty(String key) {
        Object[] plugins = pluginsOnStack();
        if (plugins != null) {
            check(plugins, key == null ? new PropertyPermission("*", "read,write") : new PropertyPermission(key, "write"));
        }
    }

    /** {@code java.security.Security}: properties and providers. */
    public static void security(String name) {
        Object[] plugins = pluginsOnStack();
        if (plugins != null) {
            check(plugins, new SecurityPermission(name));
        }
    }

    /**
     * {@code java.net.http.HttpClient}: a request leaves from the client's own threads, so it is checked
     * here, with the permission Java 17's client asked for: URL, method and the request's header names.
     */
    public static void httpRequest(java.net.URI uri, String method, java.util.Map<String, ?> headers) {
        Object[] plugins;
        if (uri != null && (plugins = pluginsOnStack()) != null) {
            String url = uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
            String names = headers == null ? "" : String.join(",", new java.util.TreeSet<>(headers.keySet()));
            check(plugins, new java.net.URLPermission(url, method + ":" + names));
        }
    }

    /**
     * The OSGi framework's {@code Bundle.hasPermission} (the agent replaces its body with this call): Event
     * Admin asks it before delivering an event to a handler, for example.
     */
    public static boolean bundleHasPermission(Object bundle, Object permission) {
        if (!(permission instanceof Permission p)) {
            return false;
        }
        Decisions current = decisions;
        BUSY.set(Boolean.TRUE);
        try {
            return current == null ? !Stack.isPluginBundle(bundle) : current.checker.bundleHolds(bundle, p);
        } finally {
            BUSY.remove();
        }
    }

    /**
     * What Felix's {@code BundleImpl.checkAdapt} gets in place of {@code SecurityManagerEx.getClassContext()}
     * on Java 24+ (the agent rewrites the call): the entries 0 to 3 of that array, the only ones it reads
     * (entry 3 is the caller of {@code Bundle.adapt}). From Java 24 on the JDK builds the whole array with a
     * StackWalker, a walk of the entire stack on every {@code adapt}, {@code getSymbolicName} and
     * {@code getVersion} while a SecurityManager is seen; here only the top frames are walked.
     *
     * @param securityManagerEx the framework's {@code SecurityManagerEx}, whose class is entry 0
     */
    public static Class<?>[] felixClassContext(Object securityManagerEx) {
        return Stack.top(securityManagerEx.getClass(), 3);
    }

    /**
     * Checks a permission for the plugin code on the current stack, as the SecurityManager did: every
     * plugin between the top of the stack and the nearest privileged block must hold it.
     *
     * @throws AccessControlException naming plugin, permission and fix, when one of them does not
     */
    public static void permission(Permission permission) {
        Object[] plugins = pluginsOnStack();
        if (plugins != null) {
            check(plugins, permission);
        }
    }

    /** Checks a permission for plugins captured earlier (a listener's context, say). */
    static void check(Object[] plugins, Permission permission) {
        if (BUSY.get() != null) {
            return;
        }
        Decisions current = decisions;
        if (current != null) {
            boolean all = true;
            for (Object plugin : plugins) {
                if (!current.granted(plugin, permission)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return;
            }
        }
        decide(current, plugins, permission, null, null);
    }

    /**
     * {@link #check} of {@code new FilePermission(path, actions)}: a repeated access the plugins were granted
     * costs lookups by the path's text, and no permission is built.
     */
    static void checkFile(Object[] plugins, String path, String actions) {
        if (BUSY.get() != null) {
            return;
        }
        Decisions current = decisions;
        if (current != null) {
            boolean all = true;
            for (Object plugin : plugins) {
                if (!current.grantedFile(plugin, path, actions)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return;
            }
        }
        decide(current, plugins, new FilePermission(path, actions), path, actions);
    }

    /**
     * Asks the checker for each plugin, nearest first, and remembers what it granted (file permissions by
     * {@code path} and {@code actions} when given); the first refusal is thrown. Without a checker every
     * plugin is refused (fail closed).
     */
    private static void decide(Decisions current, Object[] plugins, Permission permission, String path, String actions) {
        String refusal = null;
        BUSY.set(Boolean.TRUE);
        try {
            for (Object plugin : plugins) {
                if (current == null) {
                    refusal = Stack.beforeChecker(plugin, permission);
                } else if (path != null ? current.grantedFile(plugin, path, actions) : current.granted(plugin, permission)) {
                    continue;
                } else {
                    refusal = current.checker.deny(plugin, permission);
                    if (refusal == null) {
                        if (path != null) {
                            current.grantFile(plugin, path, actions);
                        } else {
                            current.grant(plugin, permission);
                        }
                    }
                }
                if (refusal != null) {
                    break;
                }
            }
        } finally {
            BUSY.remove();
        }
        if (refusal != null) {
            throw new AccessControlException(refusal, permission);
        }
    }

    /** @return the plugins on the stack down to the nearest privileged block, or {@code null} when there are none */
    static Object[] pluginsOnStack() {
        if (BUSY.get() != null) {
            return null;
        }
        BUSY.set(Boolean.TRUE);
        try {
            Decisions current = decisions;
            return Stack.plugins(current == null ? null : current.checker);
        } finally {
            BUSY.remove();
        }
    }

    private static boolean isDefault(Path path) {
        return path.getFileSystem() == FileSystems.getDefault();
    }

    private static Permission connectPermission(SocketAddress address, String actions) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
                host = "[" + host + "]";
            }
            return new SocketPermission(host + ":" + inet.getPort(), actions);
        }
        return new NetPermission("accessUnixDomainSocket");
    }
}
