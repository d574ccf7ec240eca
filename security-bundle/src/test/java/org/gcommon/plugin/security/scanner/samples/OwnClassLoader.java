package org.gcommon.plugin.security.scanner.samples;

/** A class loader of its own. */
public class OwnClassLoader extends ClassLoader {

    public OwnClassLoader() {
        super(null);
    }
}
