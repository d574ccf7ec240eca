package org.gcommon.plugin.security.scanner.samples;

import java.util.function.IntConsumer;

/** Stops the JVM in three ways. */
public class ExitingPlugin {

    public void stop() {
        System.exit(3);
    }

    public void halt() {
        Runtime.getRuntime().halt(1);
    }

    public IntConsumer exitLater() {
        return System::exit;
    }
}
