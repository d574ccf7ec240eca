package org.gcommon.plugin.testkit.exam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The container home of a sandboxed container test: one per test JVM, with its deploy folder and policy file. */
final class SandboxHome {

    private static Path home;

    private SandboxHome() {
    }

    static synchronized Path home() {
        if (home == null) {
            try {
                home = Files.createTempDirectory("gcommon-sandbox-home-");
                Files.createDirectories(home.resolve("deploy"));
                Files.createDirectories(home.resolve("etc"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the container home of the sandbox under "
                        + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
            }
        }
        return home;
    }

    /** A policy giving code outside bundles every permission; bundles are governed by Conditional Permission Admin. */
    static synchronized String policy() {
        Path policy = home().resolve("gcommon.policy");
        try {
            if (!Files.exists(policy)) {
                Files.writeString(policy, "grant {\n    permission java.security.AllPermission;\n};\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + policy + ": " + e.getMessage(), e);
        }
        return policy.toString();
    }
}
