package org.gcommon.plugin.security.scanner.samples;

import java.io.IOException;

/** Starts operating system processes. */
public class ProcessStarter {

    public Process list() throws IOException {
        return new ProcessBuilder("ls", "/").start();
    }

    public Process exec() throws IOException {
        return Runtime.getRuntime().exec(new String[] { "id" });
    }
}
