package org.gcommon.container.sandboxplugins.permissionadmin;

import org.gcommon.container.sandboxplugins.probe.ProbeActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServicePermission;
import org.osgi.framework.ServiceReference;
import org.osgi.service.condpermadmin.ConditionalPermissionAdmin;
import org.osgi.service.condpermadmin.ConditionalPermissionUpdate;

/**
 * Tries to switch the sandbox off through Conditional Permission Admin: get the service and put a row
 * granting AllPermission to everything in front of the table.
 */
public final class Activator extends ProbeActivator {

    public Activator() {
        super("sandbox-permission-admin", scope -> {
            BundleContext context = scope.bundleContext();
            ServiceReference<ConditionalPermissionAdmin> reference = context.getServiceReference(ConditionalPermissionAdmin.class);
            ConditionalPermissionAdmin admin = reference == null ? null : context.getService(reference);
            if (admin != null) {
                ConditionalPermissionUpdate update = admin.newConditionalPermissionUpdate();
                update.getConditionalPermissionInfos().add(0,
                        admin.newConditionalPermissionInfo("ALLOW { (java.security.AllPermission) } \"everything\""));
                return "got the ConditionalPermissionAdmin service; AllPermission row committed: " + update.commit();
            }
            // The framework hides a service from a bundle that may not get it; asking shows the reason.
            System.getSecurityManager().checkPermission(
                    new ServicePermission(ConditionalPermissionAdmin.class.getName(), ServicePermission.GET));
            return "the ConditionalPermissionAdmin service is not there, but getting it would be allowed";
        });
    }
}
