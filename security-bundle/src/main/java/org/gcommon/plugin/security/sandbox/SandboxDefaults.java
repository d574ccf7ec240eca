package org.gcommon.plugin.security.sandbox;

import java.util.List;

/**
 * What every plugin may do, and what no plugin may do unless an administrator grants it by name.
 * Reading and writing its own data area needs no row: the framework implies it for every bundle.
 */
final class SandboxDefaults {

    private SandboxDefaults() {
    }

    /** System properties a plugin may read: harmless facts libraries commonly ask for. */
    static final List<String> READABLE_PROPERTIES = List.of("java.version", "java.vendor", "java.vm.name",
            "java.vm.version", "java.specification.version", "java.class.version", "os.name", "os.arch", "os.version",
            "file.separator", "path.separator", "line.separator", "file.encoding", "user.language", "user.country");

    /** Granted to every plugin. */
    static final List<String> ALLOWED = buildAllowed();

    /**
     * Refused to plugins even though a default above would cover them: the runtime's own services and
     * the framework's extension points, which would let a plugin see or change other plugins.
     */
    static final List<String> DENIED = List.of(
            // Operator management: getting it would let a plugin install, stop or re-grant plugins.
            service("org.gcommon.plugin.api.admin.PluginAdmin", "get,register"),
            service("org.gcommon.plugin.api.PluginRegistry", "register"),
            service("org.gcommon.plugin.api.HealthService", "register"),
            service("org.gcommon.plugin.api.RuntimeCheck", "register"),
            service("org.gcommon.plugin.api.middleware.MiddlewareChains", "register"),
            service("org.gcommon.plugin.api.extension.Extensions", "register"),
            service("org.gcommon.plugin.api.integration.Resilience", "register"),
            service("org.gcommon.plugin.api.security.*", "register"),
            service("org.osgi.framework.hooks.*", "register"),
            service("org.osgi.service.condpermadmin.*", "register"),
            service("org.osgi.service.permissionadmin.*", "register"),
            service("org.osgi.service.cm.*", "register"),
            service("org.osgi.service.log.*", "register"),
            service("org.osgi.service.event.EventAdmin", "register"),
            service("org.osgi.service.url.*", "register"),
            service("org.osgi.service.component.*", "register"),
            service("org.osgi.service.servlet.*", "register"),
            service("org.osgi.service.http.*", "register"),
            service("jakarta.servlet.*", "register"),
            service("javax.servlet.*", "register"),
            "(org.osgi.framework.PackagePermission \"org.gcommon.plugin.*\" \"exportonly\")");

    private static List<String> buildAllowed() {
        List<String> allowed = new java.util.ArrayList<>();
        allowed.add("(org.osgi.framework.PackagePermission \"*\" \"import\")");
        allowed.add("(org.osgi.framework.PackagePermission \"*\" \"exportonly\")");
        // Resolving needs these: Require-Capability (osgi.extender for Declarative Services, osgi.ee…) and the
        // osgi.service capabilities bnd writes for the services a plugin's components provide.
        allowed.add("(org.osgi.framework.CapabilityPermission \"*\" \"require\")");
        allowed.add("(org.osgi.framework.CapabilityPermission \"osgi.service\" \"provide\")");
        allowed.add(service("org.gcommon.plugin.api.*", "get"));
        // Declarative Services 1.5 makes every component wait for the satisfying condition service.
        allowed.add(service("org.osgi.service.condition.Condition", "get"));
        allowed.add(service("org.osgi.service.log.LoggerFactory", "get"));
        allowed.add(service("org.osgi.service.log.LogService", "get"));
        allowed.add(service("*", "register"));
        // Reflection may list members (Jackson, lambdas and many libraries need it); using non-public ones
        // still needs suppressAccessChecks, which no plugin gets by default.
        allowed.add("(java.lang.RuntimePermission \"accessDeclaredMembers\")");
        for (String property : READABLE_PROPERTIES) {
            allowed.add("(java.util.PropertyPermission \"" + property + "\" \"read\")");
        }
        return List.copyOf(allowed);
    }

    private static String service(String name, String actions) {
        return "(org.osgi.framework.ServicePermission \"" + name + "\" \"" + actions + "\")";
    }
}
