package org.gcommon.container;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Copies everything printed on {@code System.out} and {@code System.err} to the container's log file,
 * so that the framework's errors, the log service's lines and the launcher's own messages all end
 * up in {@code log/gcommon.log} as well as on the console.
 */
final class LogTee {

    private LogTee() {
    }

    /**
     * Replaces {@code System.out} and {@code System.err}; the file is appended to, never truncated.
     *
     * @param logFile the log file
     * @throws IOException when the file cannot be opened
     */
    static void install(Path logFile) throws IOException {
        FileOutputStream file = new FileOutputStream(logFile.toFile(), true);
        System.setOut(tee(System.out, file));
        System.setErr(tee(System.err, file));
    }

    private static PrintStream tee(PrintStream console, OutputStream file) {
        return new PrintStream(new TeeOutputStream(console, file), true, StandardCharsets.UTF_8);
    }

    /** Writes to the console and the file; one lock on the file keeps out and err lines whole. */
    private static final class TeeOutputStream extends OutputStream {

        private final PrintStream console;
        private final OutputStream file;

        TeeOutputStream(PrintStream console, OutputStream file) {
            this.console = console;
            this.file = file;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            synchronized (file) {
                console.write(bytes, offset, length);
                try {
                    file.write(bytes, offset, length);
                } catch (IOException e) {
                    // a full disk must not stop the container: the console still gets everything
                }
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (file) {
                console.flush();
                file.flush();
            }
        }
    }
}
