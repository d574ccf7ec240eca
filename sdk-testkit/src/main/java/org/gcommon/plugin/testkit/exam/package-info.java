/**
 * Container tests: Pax Exam (JUnit 4) options that start Apache Felix with the gcommon runtime and the
 * bundle under test, so that a plugin's container test is a few lines:
 *
 * <pre>
 * &#64;RunWith(PaxExam.class)
 * &#64;ExamReactorStrategy(PerClass.class)
 * public class GreeterPluginIT {
 *     &#64;Inject PluginRegistry registry;
 *     &#64;Inject HealthService health;
 *
 *     &#64;Inject PluginPermissions permissions;
 *
 *     &#64;Configuration
 *     public Option[] configuration() {
 *         return options(GcommonOptions.runtime(), GcommonOptions.sandbox(), GcommonOptions.deployedBundleUnderTest());
 *     }
 *
 *     &#64;Test
 *     public void runsInTheSandboxedContainer() {
 *         assertThatPlugin("greeter", registry, health).becomesActive().becomesHealthy().hasNoDenials(permissions);
 *     }
 * }
 * </pre>
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.gcommon.plugin.testkit.exam;
