package org.gcommon.plugin.manager.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The executor handed to a plugin through its context: a few threads at most, a bounded queue (work
 * beyond it is refused, not piled up), no thread at all while idle. Its threads carry the plugin's
 * class loader as context class loader, which is how the resource limits attribute them to the plugin
 * (set by the runtime: a plugin may not set a context class loader itself).
 */
final class PluginExecutors {

    static final int THREADS = 4;
    static final int QUEUE = 1000;

    private PluginExecutors() {
    }

    static ThreadPoolExecutor create(String pluginName, ClassLoader contextLoader) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), DaemonThreads.factory("plugin-" + pluginName + "-", contextLoader),
                new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
