package org.gcommon.plugin.api.security;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/** A permission the sandbox refused a plugin. */
@ProviderType
public interface Denial {

    /** @return the refused permission, encoded as {@code (type "name" "actions")} */
    String permission();

    /** @return when it was last refused */
    Instant lastTime();

    /** @return how many times it was refused */
    long count();

    /** @return what an administrator does to allow it */
    String fix();
}
