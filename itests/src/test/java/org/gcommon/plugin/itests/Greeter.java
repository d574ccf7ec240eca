package org.gcommon.plugin.itests;

/** A service type that provider plugins supply in the tests, standing in for a gcommon module SPI. */
public interface Greeter {

    /** @return a greeting that names the plugin that made it */
    String greeting();
}
