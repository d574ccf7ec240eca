package org.gcommon.plugin.manager.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the plugin runtime (PID {@code org.gcommon.plugin.manager}, file {@code etc/org.gcommon.plugin.manager.cfg}). */
@ObjectClassDefinition(name = "gcommon plugin runtime", description = "Timeouts of plugin lifecycle and health calls, the update health window and download bounds")
@interface RuntimeConfig {

    String PID = "org.gcommon.plugin.manager";

    @AttributeDefinition(name = "Lifecycle timeout (ms)", description = "Longest time initialize(), start() or stop() of a plugin may take before it is FAILED")
    long lifecycle_timeout_ms() default 10_000;

    @AttributeDefinition(name = "Health timeout (ms)", description = "Longest time health() may take before it counts as UNKNOWN")
    long health_timeout_ms() default 2_000;

    @AttributeDefinition(name = "Health cache (ms)", description = "How long a health() answer is reused")
    long health_cache_ms() default 1_000;

    @AttributeDefinition(name = "Update health window (ms)", description = "How long an updated plugin has to be ACTIVE and HEALTHY before the previous version is put back")
    long update_health_window_ms() default 10_000;

    @AttributeDefinition(name = "Largest download (bytes)", description = "Largest jar a management install or update fetches from a source or accepts as an upload")
    long download_max_bytes() default 64L << 20;

    @AttributeDefinition(name = "Download timeout (ms)", description = "Longest time fetching a jar from a source may take")
    long download_timeout_ms() default 60_000;
}
