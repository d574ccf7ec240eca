package org.gcommon.plugin.security.scanner.internal;

import java.io.IOException;
import java.util.zip.ZipException;

/** Short descriptions of exceptions for messages meant for people. */
final class Describe {

    private Describe() {
    }

    static String exception(Throwable t) {
        String message = t.getMessage();
        String type = t.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return type;
        }
        // A ZipException's message says enough; other I/O errors need their kind ("EOFException: ...").
        return (t instanceof IOException && !(t instanceof ZipException) ? type + ": " : "")
                + EntryNames.printable(message);
    }
}
