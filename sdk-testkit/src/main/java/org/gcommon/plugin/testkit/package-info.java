/**
 * Unit tests for plugins, in the JVM of the test: {@link org.gcommon.plugin.testkit.PluginHarness}
 * runs a plugin's lifecycle as the runtime does (initialize with a configuration, start with a
 * deadline, health under a timeout, events, stop) with a test context, in milliseconds.
 *
 * <pre>
 * class GreeterPluginTest {
 *     &#64;RegisterExtension
 *     final PluginHarness harness = new PluginHarness();
 *
 *     &#64;Test
 *     void isHealthyOnceStarted() {
 *         TestedPlugin&lt;GreeterPlugin&gt; greeter = harness.start(new GreeterPlugin(), Map.of("greeting", "Hi"));
 *         assertThat(greeter).isActive().isHealthy();
 *     }
 * }
 * </pre>
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gcommon.plugin.testkit;
