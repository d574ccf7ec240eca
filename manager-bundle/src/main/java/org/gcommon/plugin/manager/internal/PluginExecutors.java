package org.gcommon.plugin.manager.internal;

import java.security.AccessController;
import java.security.PrivilegedAction;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor handed to a plugin through its context: a few threads at most, a bounded queue (work
 * beyond it is refused, not piled up), no thread at all while idle. Its threads carry the plugin's
 * class loader as context class loader, which is how the resource limits attribute them to the plugin.
 */
final class PluginExecutors {

    static final int THREADS = 4;
    static final int QUEUE = 1000;

    private PluginExecutors() {
    }

    static ThreadPoolExecutor create(String pluginName, ClassLoader contextLoader) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), factory(pluginName, contextLoader), new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    @SuppressWarnings("removal")
    private static ThreadFactory factory(String pluginName, ClassLoader contextLoader) {
        AtomicInteger count = new AtomicInteger();
        // Privileged for the same reason as the runtime's own pools (see DaemonThreads), and because a plugin
        // may not set a context class loader itself.
        return r -> AccessController.doPrivileged((PrivilegedAction<Thread>) () -> {
            Thread t = new Thread(r, "plugin-" + pluginName + "-" + count.incrementAndGet());
            t.setDaemon(true);
            if (contextLoader != null) {
                t.setContextClassLoader(contextLoader);
            }
            return t;
        });
    }
}
