package org.gcommon.plugin.enforcement.hook;

import java.lang.reflect.Method;
import java.security.AccessController;
import java.security.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Walks the current stack for plugin code, the way the SecurityManager's access control context did:
 * from the top down to the caller of the nearest {@code AccessController.doPrivileged}. Frames of the JDK
 * (bootstrap and platform class loaders, this hook included) are never plugins and are passed over.
 */
@SuppressWarnings("removal")
final class Stack {

    private static final StackWalker WALKER = walker(0);
    /** For the few frames at the top: fetches them in one batch. */
    private static final StackWalker TOP_WALKER = walker(8);
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    /** Before a checker is installed: which class loaders are plugins', found by reflection (see {@link #beforeChecker}). */
    private static final Map<ClassLoader, Boolean> PLUGIN_LOADERS = new WeakHashMap<>();

    private Stack() {
    }

    /**
     * Classes are all a check needs: from Java 22 on, the walker can leave out method names and line
     * numbers, which makes a walk several times cheaper.
     */
    private static StackWalker walker(int estimatedDepth) {
        java.util.Set<StackWalker.Option> options = java.util.EnumSet.of(StackWalker.Option.RETAIN_CLASS_REFERENCE);
        for (StackWalker.Option option : StackWalker.Option.values()) {
            if (option.name().equals("DROP_METHOD_INFO")) {
                options.add(option);
            }
        }
        return estimatedDepth > 0 ? StackWalker.getInstance(options, estimatedDepth) : StackWalker.getInstance(options);
    }

    private static boolean isJdk(ClassLoader loader) {
        return loader == null || loader == PLATFORM;
    }

    /**
     * Whether the stack is read with {@code SecurityManager.getClassContext()}: before Java 22 that is one
     * native call returning the classes of the whole stack, several times cheaper than a StackWalker that
     * must also resolve method names; from Java 22 on the walker can leave those out
     * ({@code DROP_METHOD_INFO}) and Java 24 implements {@code getClassContext} with that walker.
     */
    private static final boolean CLASS_CONTEXT = Runtime.version().feature() < 22;

    /** @return the distinct plugins on the stack, nearest first, or {@code null} */
    static Object[] plugins(Checker checker) {
        Plugins found = new Plugins(checker);
        if (CLASS_CONTEXT) {
            for (Class<?> type : AgentSecurityManager.INSTANCE.classes()) {
                if (!found.frame(type)) {
                    break;
                }
            }
        } else {
            WALKER.walk(frames -> {
                for (java.util.Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext();) {
                    if (!found.frame(it.next().getDeclaringClass())) {
                        break;
                    }
                }
                return null;
            });
        }
        return found.result();
    }

    /**
     * The plugins seen while going down the stack. Neighbouring frames mostly share their class loader, so
     * the last loader's answer is kept and the checker is asked once per run of frames.
     */
    private static final class Plugins {
        private final Checker checker;
        private ClassLoader lastLoader = PLATFORM;
        private Object lastPlugin;
        private Object first;
        private List<Object> more;
        private boolean privileged;

        Plugins(Checker checker) {
            this.checker = checker;
        }

        /** @return whether frames below this one still count */
        boolean frame(Class<?> type) {
            if (type == AccessController.class) {
                // doPrivileged is the only AccessController method that calls back into other code
                privileged = true;
                return true;
            }
            ClassLoader loader = type.getClassLoader();
            if (!isJdk(loader)) {
                Object plugin;
                if (loader == lastLoader) {
                    plugin = lastPlugin;
                } else {
                    plugin = pluginOf(checker, loader);
                    lastLoader = loader;
                    lastPlugin = plugin;
                }
                if (plugin != null && plugin != first) {
                    if (first == null) {
                        first = plugin;
                    } else {
                        if (more == null) {
                            more = new ArrayList<>(2);
                        }
                        if (!more.contains(plugin)) {
                            more.add(plugin);
                        }
                    }
                }
            }
            // the caller of doPrivileged counts, nothing below it
            return !privileged;
        }

        Object[] result() {
            if (first == null) {
                return null;
            }
            if (more == null) {
                return new Object[] { first };
            }
            more.add(0, first);
            return more.toArray();
        }
    }

    /**
     * The first {@code frames} classes below the caller of the method calling this one, as
     * {@code SecurityManager.getClassContext()} lists them from Java 24 on (the same walker options).
     */
    static Class<?>[] top(Class<?> first, int frames) {
        return TOP_WALKER.walk(s -> {
            Class<?>[] classes = new Class<?>[frames + 1];
            classes[0] = first;
            int n = 1;
            // this method and the hook calling it are passed over by hand: Stream.skip would fetch the whole stack
            int passed = 0;
            for (java.util.Iterator<StackWalker.StackFrame> it = s.iterator(); n <= frames && it.hasNext();) {
                Class<?> type = it.next().getDeclaringClass();
                if (passed < 2) {
                    passed++;
                } else {
                    classes[n++] = type;
                }
            }
            return n == classes.length ? classes : java.util.Arrays.copyOf(classes, n);
        });
    }

    /**
     * @return whether code outside the JDK calls {@code entry} directly, with plugin code on the stack
     */
    static boolean pluginsCalling(Checker checker, Class<?> entry, ThreadLocal<Boolean> busy) {
        if (busy.get() != null) {
            return false;
        }
        busy.set(Boolean.TRUE);
        try {
            Class<?> caller = WALKER.walk(frames -> {
                Class<?> above = null;
                for (java.util.Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext();) {
                    Class<?> type = it.next().getDeclaringClass();
                    if (!isJdk(type.getClassLoader())) {
                        return above != null && entry.isAssignableFrom(above) ? type : null;
                    }
                    if (type != Enforcement.class && type != Stack.class && type != AgentSecurityManager.class) {
                        above = type;
                    }
                }
                return null;
            });
            return caller != null && plugins(checker) != null;
        } finally {
            busy.remove();
        }
    }

    /** @return why the thread may not start, or {@code null}: asked of the plugin whose own code starts it */
    static String admitThread(Checker checker, Thread thread) {
        ClassLoader creator = WALKER.walk(frames -> {
            for (java.util.Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext();) {
                ClassLoader loader = it.next().getDeclaringClass().getClassLoader();
                if (!isJdk(loader)) {
                    return loader;
                }
            }
            return null;
        });
        if (creator == null) {
            return null;
        }
        Object plugin = pluginOf(checker, creator);
        if (plugin == null) {
            return null;
        }
        return checker == null ? beforeChecker(plugin, new RuntimePermission("modifyThreadGroup"))
                : checker.admitThread(plugin, thread);
    }

    private static Object pluginOf(Checker checker, ClassLoader loader) {
        if (checker != null) {
            return checker.pluginOf(loader);
        }
        return isPluginLoader(loader) ? loader : null;
    }

    /** The refusal while no checker is installed: plugin code may do nothing guarded. */
    static String beforeChecker(Object plugin, Permission permission) {
        return "Plugin code (" + plugin + ") was denied " + permission
                + ": the plugin sandbox is not in force yet (the runtime's security bundle has not installed its"
                + " checker), so plugins may do nothing guarded. Check that org.gcommon.plugin.security is ACTIVE.";
    }

    /** @return whether an OSGi bundle object was installed from a plugin location (read by reflection) */
    static boolean isPluginBundle(Object bundle) {
        try {
            Method getLocation = bundle == null ? null : interfaceMethod(bundle.getClass(), "org.osgi.framework.Bundle", "getLocation");
            Object location = getLocation == null ? null : getLocation.invoke(bundle);
            return !(location instanceof String s) || s.startsWith(Enforcement.PLUGIN_LOCATION_PREFIX);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return true;
        }
    }

    /**
     * OSGi bundle class loaders answer {@code getBundle()}; a plugin's bundle was installed from a
     * {@code gcommon:} location. Read by reflection: the hook sees no OSGi type.
     */
    private static boolean isPluginLoader(ClassLoader loader) {
        synchronized (PLUGIN_LOADERS) {
            Boolean known = PLUGIN_LOADERS.get(loader);
            if (known != null) {
                return known;
            }
        }
        boolean plugin;
        try {
            Method getBundle = interfaceMethod(loader.getClass(), "org.osgi.framework.BundleReference", "getBundle");
            Object bundle = getBundle == null ? null : getBundle.invoke(loader);
            Method getLocation = bundle == null ? null : interfaceMethod(bundle.getClass(), "org.osgi.framework.Bundle", "getLocation");
            Object location = getLocation == null ? null : getLocation.invoke(bundle);
            plugin = location instanceof String s && s.startsWith(Enforcement.PLUGIN_LOCATION_PREFIX);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            plugin = false;
        }
        synchronized (PLUGIN_LOADERS) {
            PLUGIN_LOADERS.put(loader, plugin);
        }
        return plugin;
    }

    /** @return the method as the public interface declares it (the implementing class need not be public) */
    private static Method interfaceMethod(Class<?> type, String interfaceName, String name) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(interfaceName)) {
                    return i.getMethod(name);
                }
            }
        }
        return null;
    }
}
