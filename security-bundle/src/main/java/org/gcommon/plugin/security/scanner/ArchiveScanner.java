package org.gcommon.plugin.security.scanner;

import java.io.InputStream;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks a plugin archive before it is installed or resolved. Bad input never makes a scan throw:
 * a corrupt, truncated, hostile or unreadable archive gets a report whose findings say what is wrong.
 *
 * <p>Implementations are thread-safe. The scan reads the archive as a stream, counting the real
 * inflated bytes against the policy's limits and stopping as soon as one is passed, so a zip bomb
 * costs neither memory nor disk.
 */
@ProviderType
public interface ArchiveScanner {

    /**
     * Scans an archive file.
     *
     * @param jar the archive; the report is named after its file name
     * @return the report, also when the file is missing, unreadable or not a zip
     */
    ScanReport scan(Path jar);

    /**
     * Scans an archive read from a stream. The stream is read (at most as far as the limits allow)
     * but not closed. Its raw bytes are spooled to a temporary file (deleted before this method
     * returns) for the checks that need the zip's central directory, as the framework reads it.
     *
     * @param name the name the report uses for the archive, e.g. its file name
     * @param in the archive's bytes
     * @return the report, also when the stream fails or does not hold a zip
     */
    ScanReport scan(String name, InputStream in);
}
