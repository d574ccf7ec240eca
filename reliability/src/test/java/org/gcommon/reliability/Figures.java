package org.gcommon.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The figures a run measured (requests, latencies, counts, heap), printed and kept in target/reliability-figures.txt. */
final class Figures {

    private static final Path FILE = Path.of(System.getProperty("reliability.figures", "target/reliability-figures.txt"));

    private Figures() {
    }

    static synchronized void record(String test, String line) {
        String text = Instant.now() + " " + test + ": " + line;
        System.out.println(text);
        try {
            Files.createDirectories(FILE.toAbsolutePath().getParent());
            Files.writeString(FILE, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
