/**
 * The plugin event bus, over OSGi EventAdmin: each plugin publishes under its own topic namespace
 * ({@code gcommon/plugin/<name>/...}) and subscribes to any topic it is allowed to; under the
 * sandbox, topic permissions are enforced.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gcommon.plugin.api.event;
