package org.gcommon.plugin.api.security;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** What an {@link ArchiveInspector} found in one archive. */
@ProviderType
public interface ArchiveVerdict {

    /** @return whether the archive may be installed */
    boolean accepted();

    /** @return why it is refused, one finding a line naming rule, place and fix; empty when accepted */
    List<String> reasons();

    /** @return findings that do not refuse the archive but that an operator should see */
    List<String> warnings();
}
