/**
 * The runtime's call semantics for code that hands plugins a {@link org.gcommon.plugin.api.PluginContext}
 * outside the container, such as the testkit: a plugin then sees the same deadline and cancellation in a
 * unit test as in the container.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gcommon.plugin.manager.context;
