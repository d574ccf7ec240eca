package org.gcommon.plugin.api.security;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Looks at a plugin archive before it may be installed: archive structure, manifest, bytecode and
 * signatures, as the administrator's scanner policy says. Registered by the runtime's security
 * bundle; the deploy folder installs nothing while no inspector is available (fail closed).
 */
@ProviderType
public interface ArchiveInspector {

    /**
     * @param archive a jar file
     * @return the verdict; never throws for bad input
     */
    ArchiveVerdict inspect(Path archive);
}
