package org.gcommon.plugin.security.scanner.samples;

/** Loads native code. */
public class NativeLoader {

    static {
        System.loadLibrary("acme");
    }
}
