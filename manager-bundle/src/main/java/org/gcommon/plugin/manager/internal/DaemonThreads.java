package org.gcommon.plugin.manager.internal;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread pools of the runtime: named daemon threads that die after a short idle time. */
final class DaemonThreads {

    private DaemonThreads() {
    }

    /**
     * A pool that grows with demand and shrinks to zero when idle. Unbounded on purpose: a hung plugin
     * call keeps its thread, and a bounded pool would let a few hung plugins starve everybody else.
     *
     * @param prefix thread name prefix
     * @return the pool
     */
    static ThreadPoolExecutor elasticPool(String prefix) {
        // The runtime's own class loader as context: a pool thread first created from a plugin's thread (e.g. by
        // an event it publishes) would otherwise inherit that plugin's loader and keep an uninstalled plugin's
        // classes alive for as long as the thread lives. Plugin calls set their loader themselves.
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                factory(prefix, DaemonThreads.class.getClassLoader()));
    }

    static ThreadFactory factory(String prefix) {
        return factory(prefix, null);
    }

    /**
     * @param contextLoader the threads' context class loader, or {@code null} to inherit it
     */
    static ThreadFactory factory(String prefix, ClassLoader contextLoader) {
        AtomicInteger count = new AtomicInteger();
        // Created privileged: a thread inherits the access control context of whoever caused its creation,
        // and a pool thread first created while plugin code was on the stack would otherwise keep that
        // plugin's (sandboxed) permissions for every later task of every other plugin.
        return r -> java.security.AccessController.doPrivileged((java.security.PrivilegedAction<Thread>) () -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            if (contextLoader != null) {
                t.setContextClassLoader(contextLoader);
            }
            return t;
        });
    }
}
