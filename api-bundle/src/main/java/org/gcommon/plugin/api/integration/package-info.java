/**
 * Integration plugins: connections to third-party services, with the runtime's retry and circuit
 * breaker so that no plugin has to write its own.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gcommon.plugin.api.integration;
