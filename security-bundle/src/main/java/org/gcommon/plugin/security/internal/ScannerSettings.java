package org.gcommon.plugin.security.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import org.gcommon.plugin.security.scanner.DefaultArchiveScanner;
import org.gcommon.plugin.security.scanner.ScanPolicy;
import org.osgi.framework.BundleContext;

/**
 * Builds a scanner from the configuration of PID {@code org.gcommon.plugin.security.scanner}, as both
 * components of this bundle do. An invalid configuration is reported and the default policy applies
 * until it is fixed: the defaults are the strict ones, so a typo never relaxes the scanner.
 */
final class ScannerSettings {

    private ScannerSettings() {
    }

    /**
     * @param context the bundle's context: streamed archives are spooled in its data area
     * @param properties the configuration (or only the component's properties, when there is none)
     * @param errors receives the explanation of an invalid configuration
     * @return the scanner
     */
    static DefaultArchiveScanner scanner(BundleContext context, Map<String, Object> properties, Consumer<String> errors) {
        File data = context.getDataFile("scan-spool");
        Path spool = data != null ? data.toPath() : Path.of(System.getProperty("java.io.tmpdir"));
        ScanPolicy policy;
        try {
            policy = ScanPolicy.fromProperties(properties);
        } catch (IllegalArgumentException e) {
            policy = ScanPolicy.defaults();
            errors.accept(e.getMessage() + " (configuration " + ScanPolicy.PID + ", file etc/" + ScanPolicy.PID
                    + ".cfg). The scanner applies its default policy until this is fixed");
        }
        return new DefaultArchiveScanner(policy, spool);
    }
}
