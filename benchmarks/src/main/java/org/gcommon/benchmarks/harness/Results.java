package org.gcommon.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Measured values, appended as {@code key=value} lines to a results file and echoed to the console. */
public final class Results {

    private final Path file;

    public Results(Path file) {
        this.file = file;
    }

    public void put(String key, double value) {
        put(key, String.format(Locale.ROOT, "%.3f", value));
    }

    public void put(String key, String value) {
        String line = key + "=" + value;
        System.out.println("  " + line);
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    public static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static String describe(List<Double> values) {
        return Arrays.toString(values.stream().mapToLong(d -> Math.round(d)).toArray());
    }
}
