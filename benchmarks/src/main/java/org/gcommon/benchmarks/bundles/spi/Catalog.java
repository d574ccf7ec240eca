package org.gcommon.benchmarks.bundles.spi;

/** The service type of the benchmark's provider plugin: a read-mostly lookup, as a cache or config SPI is. */
public interface Catalog {

    /** @return the value of a key, or {@code null} */
    String find(String key);
}
