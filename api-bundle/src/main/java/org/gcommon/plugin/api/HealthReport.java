package org.gcommon.plugin.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The aggregate health of a container. Its {@link #status()} is
 * {@link HealthStatus.Status#UNHEALTHY} when the runtime itself is unsound or an
 * {@link PluginState#ACTIVE} plugin reports UNHEALTHY; {@link HealthStatus.Status#DEGRADED} when the
 * runtime or an active plugin is degraded or did not answer; else HEALTHY. Failed, rejected and
 * quarantined plugins are listed but contained: they do not lower the aggregate by themselves.
 */
@ProviderType
public interface HealthReport {

    /** @return the aggregate status */
    HealthStatus.Status status();

    /** @return problems of the runtime itself (for example: the sandbox is not enforced), empty when sound */
    List<String> runtimeProblems();

    /** @return every known plugin's health, by plugin name, sorted by name */
    Map<String, HealthStatus> plugins();

    /** @return when the report was made */
    Instant time();
}
