/**
 * The gcommon plugin contract.
 *
 * <p>A plugin is an OSGi bundle that registers a {@link org.gcommon.plugin.api.Plugin} (or a
 * subtype such as {@link org.gcommon.plugin.api.ProviderPlugin}) as a service, normally as a
 * Declarative Services component. The runtime finds it through the whiteboard pattern, hands it
 * its configuration, starts it on the runtime's own threads with a deadline, watches its health
 * and stops it again. Plugin authors implement the {@code @ConsumerType} interfaces of this
 * package; the runtime implements the {@code @ProviderType} ones.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gcommon.plugin.api;
