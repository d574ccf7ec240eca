package org.gcommon.plugin.security.scanner.samples;

import java.net.URL;
import java.net.URLClassLoader;

/** Creates a class loader. */
public class LoaderFactory {

    public ClassLoader create() {
        return new URLClassLoader(new URL[0]);
    }
}
