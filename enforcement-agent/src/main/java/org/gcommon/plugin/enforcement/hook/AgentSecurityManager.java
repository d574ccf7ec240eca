package org.gcommon.plugin.enforcement.hook;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FilePermission;
import java.net.InetAddress;
import java.net.SocketPermission;
import java.security.Permission;
import java.security.SecurityPermission;
import java.util.PropertyPermission;

/**
 * The SecurityManager that code outside the JDK sees while the agent enforces (the agent rewrites their
 * {@code System.getSecurityManager()} calls to {@link Enforcement#securityManager()}). Libraries written
 * for the SecurityManager then behave as on Java 17: the OSGi framework checks AdminPermission,
 * ServicePermission and the other OSGi permissions, runtime code marks its privileged blocks, and plugin
 * code asking for a permission itself gets the sandbox's answer. Every check goes to the same checker as
 * the JDK's guarded entry points.
 *
 * <p>The {@code check…} methods say which permission each stands for, as the Java 17 SecurityManager did
 * (on Java 24+ the inherited ones only throw).
 */
@SuppressWarnings({ "removal", "deprecation" })
final class AgentSecurityManager extends SecurityManager {

    static final AgentSecurityManager INSTANCE = new AgentSecurityManager();

    /** A calling context captured for later checks (a service listener's, say): the plugins it held. */
    private record Context(Object[] plugins) {
    }

    private AgentSecurityManager() {
    }

    /** @return the classes on the stack, as {@code getClassContext()} lists them (used by {@link Stack}) */
    Class<?>[] classes() {
        return getClassContext();
    }

    @Override
    public void checkPermission(Permission perm) {
        Enforcement.permission(perm);
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        if (context instanceof Context captured) {
            Enforcement.check(captured.plugins(), perm);
        } else if (!(context instanceof java.security.AccessControlContext)) {
            throw new SecurityException("not a security context: " + context);
        }
        // A JDK AccessControlContext carries nothing on Java 24+: the code that captured it is not known.
    }

    @Override
    public Object getSecurityContext() {
        Object[] plugins = Enforcement.pluginsOnStack();
        return new Context(plugins == null ? new Object[0] : plugins);
    }

    @Override
    public void checkCreateClassLoader() {
        checkPermission(new RuntimePermission("createClassLoader"));
    }

    @Override
    public void checkAccess(Thread t) {
        if (t.getThreadGroup() != null && t.getThreadGroup().getParent() == null) {
            checkPermission(new RuntimePermission("modifyThread"));
        }
    }

    @Override
    public void checkAccess(ThreadGroup g) {
        if (g.getParent() == null) {
            checkPermission(new RuntimePermission("modifyThreadGroup"));
        }
    }

    @Override
    public void checkExit(int status) {
        checkPermission(new RuntimePermission("exitVM." + status));
    }

    @Override
    public void checkExec(String cmd) {
        checkPermission(new FilePermission(new File(cmd).isAbsolute() ? cmd : "<<ALL FILES>>", "execute"));
    }

    @Override
    public void checkLink(String lib) {
        checkPermission(new RuntimePermission("loadLibrary." + lib));
    }

    @Override
    public void checkRead(FileDescriptor fd) {
        checkPermission(new RuntimePermission("readFileDescriptor"));
    }

    @Override
    public void checkRead(String file) {
        checkPermission(new FilePermission(file, "read"));
    }

    @Override
    public void checkRead(String file, Object context) {
        checkPermission(new FilePermission(file, "read"), context);
    }

    @Override
    public void checkWrite(FileDescriptor fd) {
        checkPermission(new RuntimePermission("writeFileDescriptor"));
    }

    @Override
    public void checkWrite(String file) {
        checkPermission(new FilePermission(file, "write"));
    }

    @Override
    public void checkDelete(String file) {
        checkPermission(new FilePermission(file, "delete"));
    }

    @Override
    public void checkConnect(String host, int port) {
        checkPermission(socket(host, port, "connect"));
    }

    @Override
    public void checkConnect(String host, int port, Object context) {
        checkPermission(socket(host, port, "connect"), context);
    }

    @Override
    public void checkListen(int port) {
        checkPermission(new SocketPermission("localhost:" + port, "listen"));
    }

    @Override
    public void checkAccept(String host, int port) {
        checkPermission(socket(host, port, "accept"));
    }

    @Override
    public void checkMulticast(InetAddress maddr) {
        checkPermission(new SocketPermission(maddr.getHostAddress(), "accept,connect"));
    }

    @Override
    public void checkMulticast(InetAddress maddr, byte ttl) {
        checkMulticast(maddr);
    }

    @Override
    public void checkPropertiesAccess() {
        checkPermission(new PropertyPermission("*", "read,write"));
    }

    @Override
    public void checkPropertyAccess(String key) {
        checkPermission(new PropertyPermission(key, "read"));
    }

    @Override
    public void checkPrintJobAccess() {
        checkPermission(new RuntimePermission("queuePrintJob"));
    }

    @Override
    public void checkSetFactory() {
        checkPermission(new RuntimePermission("setFactory"));
    }

    /** Package access is the module system's business on Java 24+ (JPMS encapsulation). */
    @Override
    public void checkPackageAccess(String pkg) {
        // allowed
    }

    @Override
    public void checkPackageDefinition(String pkg) {
        // allowed: the module system refuses split JDK packages
    }

    @Override
    public void checkSecurityAccess(String target) {
        checkPermission(new SecurityPermission(target));
    }

    private static Permission socket(String host, int port, String action) {
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return port == -1 ? new SocketPermission(host, "resolve") : new SocketPermission(host + ":" + port, action);
    }
}
