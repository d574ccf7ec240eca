package org.gcommon.plugin.manager.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/**
 * The first look at an archive before it may be installed: is it a readable jar with an OSGi
 * manifest naming a symbolic name and a valid version? Reads the central directory and the
 * manifest only, never inflates the rest.
 */
final class ArchiveCheck {

    /** What the manifest says, when the archive passed. */
    record Identity(String symbolicName, Version version) {
    }

    /** The outcome: an identity, or the reasons the archive is refused. */
    record Result(Identity identity, List<String> reasons) {
        boolean passed() {
            return identity != null;
        }
    }

    private static final String BUILD_HINT = "build it as an OSGi bundle (bnd-maven-plugin or maven-bundle-plugin)";

    private ArchiveCheck() {
    }

    static Result inspect(Path archive) {
        String file = archive.getFileName().toString();
        Manifest manifest;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            ZipEntry entry = zip.getEntry(JarFile.MANIFEST_NAME);
            if (entry == null) {
                return refuse(file + " has no META-INF/MANIFEST.MF, so it is not an OSGi bundle: " + BUILD_HINT);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                manifest = new Manifest(in);
            }
        } catch (ZipException e) {
            return refuse(file + " is not a valid jar (zip) archive (" + e.getMessage()
                    + "); replace it with a bundle jar, or remove it from the deploy folder");
        } catch (IOException | RuntimeException e) {
            return refuse(file + " could not be read (" + TimedCalls.describe(e)
                    + "); check the file is complete and readable, then copy it again");
        }
        return identify(file, manifest.getMainAttributes());
    }

    static Result identify(String file, Attributes main) {
        String manifestVersion = main.getValue(Constants.BUNDLE_MANIFESTVERSION);
        if (!"2".equals(manifestVersion == null ? null : manifestVersion.trim())) {
            return refuse(file + " is not an OSGi R4+ bundle: its manifest has "
                    + (manifestVersion == null ? "no Bundle-ManifestVersion" : "Bundle-ManifestVersion: " + manifestVersion)
                    + " (expected 2); " + BUILD_HINT);
        }
        String bsnHeader = main.getValue(Constants.BUNDLE_SYMBOLICNAME);
        String bsn = bsnHeader == null ? "" : bsnHeader.split(";", 2)[0].trim();
        if (bsn.isEmpty()) {
            return refuse(file + " has no Bundle-SymbolicName in its manifest; add one (e.g. Bundle-SymbolicName: com.acme.cache)");
        }
        String versionHeader = main.getValue(Constants.BUNDLE_VERSION);
        Version version;
        try {
            version = versionHeader == null ? Version.emptyVersion : Version.parseVersion(versionHeader.trim());
        } catch (IllegalArgumentException e) {
            return refuse(file + " has an invalid Bundle-Version '" + versionHeader
                    + "'; use major.minor.micro[.qualifier] with numbers, e.g. 1.2.0 or 1.2.0.SNAPSHOT");
        }
        return new Result(new Identity(bsn, version), List.of());
    }

    private static Result refuse(String reason) {
        return new Result(null, List.of(reason));
    }
}
