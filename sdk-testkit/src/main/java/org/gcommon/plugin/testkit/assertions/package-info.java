/**
 * AssertJ assertions for plugins: states, last errors and health, for plugins run by the
 * {@link org.gcommon.plugin.testkit.PluginHarness} and for plugins in a container. One static import
 * gives them together with every AssertJ assertion:
 * {@code import static org.gcommon.plugin.testkit.assertions.GcommonAssertions.*;}
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gcommon.plugin.testkit.assertions;
