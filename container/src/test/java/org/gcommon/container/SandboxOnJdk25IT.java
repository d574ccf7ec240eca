package org.gcommon.container;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link SandboxIT} on Java 25, which has no SecurityManager: the same plugins, the same steps and the
 * same expectations (denials with the same messages, the same grants), with the enforcement agent
 * enforcing. The JDK is {@code GCOMMON_JDK_25}, else the Temurin 25 these machines have; a machine
 * without it fails here, naming what to install: a sandbox test that silently skips proves nothing.
 */
class SandboxOnJdk25IT extends SandboxIT {

    static Path jdk25() {
        String configured = System.getenv("GCOMMON_JDK_25");
        Path jdk = Path.of(configured != null && !configured.isBlank() ? configured : "/usr/lib/jvm/temurin-25-jdk-amd64");
        if (!Files.isExecutable(jdk.resolve("bin/java"))) {
            throw new IllegalStateException("No JDK 25 at " + jdk + " (bin/java missing): the sandbox must be tested on "
                    + "Java 25 too. Install Temurin 25 there, or set GCOMMON_JDK_25 to a JDK 25 directory.");
        }
        return jdk;
    }

    @Override
    Path jdk() {
        return jdk25();
    }

    @Override
    String expectedEnforcer() {
        return "agent";
    }

    @Override
    String expectedEnforcement() {
        return "enforcement agent (Java 25)";
    }
}
