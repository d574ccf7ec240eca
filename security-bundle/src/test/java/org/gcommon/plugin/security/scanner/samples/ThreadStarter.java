package org.gcommon.plugin.security.scanner.samples;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Creates threads of its own. */
public class ThreadStarter {

    public void fork(Runnable work) {
        new Thread(work).start();
    }

    public ExecutorService pool() {
        return Executors.newFixedThreadPool(2);
    }
}
