package org.gcommon.plugin.security.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gcommon.plugin.api.PluginConstants;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleReference;

/**
 * Which live threads belong to which plugin: those in the plugin's own thread group (where the sandbox
 * puts every thread the plugin's code creates on Java 17 to 23), those the enforcement agent saw the
 * plugin's code start (Java 24+), and those whose context class loader is the plugin's
 * bundle class loader (the runtime sets it for every call into a plugin and for the plugin's executor;
 * a sandboxed plugin may not change it).
 */
final class PluginThreads {

    private PluginThreads() {
    }

    /** A live thread and the plugin bundle it belongs to. */
    record Owned(Thread thread, Bundle bundle) {
    }

    static List<Owned> all(Map<Long, ThreadGroup> groups, Map<Thread, Long> adopted) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 64];
        int n = root.enumerate(threads, true);
        List<Owned> out = new ArrayList<>();
        Map<ThreadGroup, Long> groupOwners = new java.util.IdentityHashMap<>();
        groups.forEach((id, group) -> groupOwners.put(group, id));
        BundleContext context = org.osgi.framework.FrameworkUtil.getBundle(PluginThreads.class).getBundleContext();
        for (int i = 0; i < n; i++) {
            Long groupOwner = groupOwners.get(threads[i].getThreadGroup());
            if (groupOwner == null) {
                groupOwner = adopted.get(threads[i]);
            }
            Bundle owner = groupOwner != null && context != null ? context.getBundle(groupOwner) : ownerOf(threads[i]);
            if (owner != null) {
                out.add(new Owned(threads[i], owner));
            }
        }
        return out;
    }

    static Bundle ownerOf(Thread thread) {
        ClassLoader loader = thread.getContextClassLoader();
        if (loader instanceof BundleReference reference) {
            Bundle bundle = reference.getBundle();
            if (bundle != null && bundle.getLocation().startsWith(PluginConstants.PLUGIN_LOCATION_PREFIX)) {
                return bundle;
            }
        }
        return null;
    }

    static long count(Bundle bundle, Map<Long, ThreadGroup> groups, Map<Thread, Long> adopted) {
        return all(groups, adopted).stream().filter(o -> o.bundle() == bundle).count();
    }
}
