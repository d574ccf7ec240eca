package org.gcommon.container;

import java.nio.file.Path;

/**
 * {@link ScannerAndLimitsIT} on Java 25, with the same expectations: there the enforcement agent counts
 * the threads a plugin starts (no SecurityManager puts them in the plugin's thread group), so a thread
 * bomb is quarantined as on Java 17. Fails, naming what to install, where no JDK 25 is found.
 */
class ScannerAndLimitsOnJdk25IT extends ScannerAndLimitsIT {

    @Override
    Path jdk() {
        return SandboxOnJdk25IT.jdk25();
    }
}
