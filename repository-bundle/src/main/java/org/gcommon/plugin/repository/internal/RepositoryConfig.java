package org.gcommon.plugin.repository.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The plugin repositories (PID {@code org.gcommon.plugin.repository}, file {@code etc/org.gcommon.plugin.repository.cfg}). */
@ObjectClassDefinition(name = "gcommon plugin repositories",
        description = "Where plugins are found by name, and the desired-state file")
@interface RepositoryConfig {

    String PID = "org.gcommon.plugin.repository";

    @AttributeDefinition(name = "Repositories", description = "Comma-separated: a folder holding index.xml, a path "
            + "or file:/http:/https: URL of an index.xml (e.g. one deployed to a Maven repository). Relative paths "
            + "are relative to the distribution folder")
    String[] repositories() default { "repository" };

    @AttributeDefinition(name = "Desired-state file", description = "In etc/: the plugins and versions this "
            + "container should run, applied at start and on every change")
    String desired_file() default "plugins.desired";

    @AttributeDefinition(name = "Download limit (bytes)", description = "Largest artifact fetched from a repository")
    long download_max_bytes() default 64L * 1024 * 1024;

    @AttributeDefinition(name = "Network timeout (ms)", description = "Connect and read timeout for http(s) repositories")
    long network_timeout_ms() default 20_000;
}
