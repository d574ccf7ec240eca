package org.gcommon.plugin.sample.metrics;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;

/**
 * Writes the Prometheus text exposition format (version 0.0.4): metric families with their
 * {@code # HELP} and {@code # TYPE} lines, and samples with escaped label values.
 */
final class PrometheusWriter {

    private final Writer out;

    PrometheusWriter(Writer out) {
        this.out = out;
    }

    /** Starts a metric family; its samples must follow before the next family starts. */
    void family(String name, String type, String help) throws IOException {
        out.write("# HELP " + name + " " + escapeHelp(help) + "\n");
        out.write("# TYPE " + name + " " + type + "\n");
    }

    /**
     * @param name the metric name
     * @param value the value
     * @param labels label names and values, alternating
     */
    void sample(String name, Number value, String... labels) throws IOException {
        StringBuilder line = new StringBuilder(name);
        if (labels.length > 0) {
            line.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    line.append(',');
                }
                line.append(labels[i]).append("=\"").append(escapeLabelValue(labels[i + 1])).append('"');
            }
            line.append('}');
        }
        out.write(line.append(' ').append(format(value)).append('\n').toString());
    }

    /** Label values may hold anything, but a backslash, a double quote and a line feed must be escaped. */
    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Help text: only backslash and line feed are escaped. */
    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Numbers as Prometheus reads them: integers plain, and {@code NaN}, {@code +Inf}, {@code -Inf}. */
    static String format(Number value) {
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            double d = value.doubleValue();
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "+Inf" : "-Inf";
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        return Long.toString(value.longValue());
    }
}
