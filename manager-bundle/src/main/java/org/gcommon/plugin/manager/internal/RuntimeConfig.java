package org.gcommon.plugin.manager.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the plugin runtime (PID {@code org.gcommon.plugin.manager}, file {@code etc/org.gcommon.plugin.manager.cfg}). */
@ObjectClassDefinition(name = "gcommon plugin runtime", description = "Timeouts of plugin lifecycle and health calls")
@interface RuntimeConfig {

    String PID = "org.gcommon.plugin.manager";

    @AttributeDefinition(name = "Lifecycle timeout (ms)", description = "Longest time initialize(), start() or stop() of a plugin may take before it is FAILED")
    long lifecycle_timeout_ms() default 10_000;

    @AttributeDefinition(name = "Health timeout (ms)", description = "Longest time health() may take before it counts as UNKNOWN")
    long health_timeout_ms() default 2_000;

    @AttributeDefinition(name = "Health cache (ms)", description = "How long a health() answer is reused")
    long health_cache_ms() default 1_000;
}
