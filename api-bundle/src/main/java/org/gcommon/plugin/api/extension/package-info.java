/**
 * Extension plugins and extension points.
 *
 * <p>A host (the runtime or any plugin) declares a named {@link org.gcommon.plugin.api.extension.ExtensionPoint}
 * by registering it as a service; {@link org.gcommon.plugin.api.extension.ExtensionPlugin}s contribute
 * objects of the point's type; the host asks the {@link org.gcommon.plugin.api.extension.Extensions}
 * service for the active contributions of its point, ordered by service ranking.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gcommon.plugin.api.extension;
