package org.gcommon.plugin.api.extension;

import java.io.IOException;
import java.io.Writer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The contract of the runtime's own extension point {@value #POINT}: each contribution writes
 * metrics in the Prometheus text exposition format, and the container serves them all together at
 * {@code GET /metrics}.
 */
@ConsumerType
public interface MetricsExporter {

    /** Name of the extension point the container declares for metrics. */
    String POINT = "gcommon.metrics";

    /**
     * Writes metric families ({@code # HELP}, {@code # TYPE} and sample lines). Must be quick; must
     * not close the writer.
     *
     * @param out where to write
     * @throws IOException when writing fails
     */
    void export(Writer out) throws IOException;
}
