package org.gcommon.plugin.security.sandbox;

import java.lang.reflect.Field;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Empties Felix's Conditional Permission Admin condition cache of bundle revisions that are gone.
 *
 * <p>Felix framework security ({@code org.apache.felix.framework.security} 2.8.4, the newest) keeps the
 * conditions it evaluated for a bundle revision in two maps with strong keys (a static one in
 * {@code Conditions}, and the one of Conditional Permission Admin's own {@code Conditions}), and forgets them
 * only when an asynchronous UNINSTALLED event still finds the bundle's revisions, and then only in the
 * static map (the other one holds, per condition set, a map keyed by revision); after an update (no such event) or once the uninstalled bundle is refreshed away (its
 * revisions list is empty by then) the entries stay for good, and with them the revision, its bundle,
 * archive and protection domain: every plugin installed, updated and uninstalled cost about 10 KB of heap
 * for the life of the container (the reliability soak shows it). Here, after each such change, entries whose
 * revision is no longer its bundle's current one, or whose bundle is uninstalled, are removed from both; they
 * are caches, so a revision still in use merely computes its conditions again.
 */
@Component(immediate = true, service = {})
public final class ConditionCachePurge implements BundleListener, FrameworkListener {

    private static final String CONDITIONS = "org.apache.felix.framework.security.util.Conditions";
    private static final String CACHE_FIELD = "m_conditionCache";
    private static final String ADMIN_CONDITIONS_FIELD = "m_conditions";
    private static final String ADMIN_CACHE_FIELD = "m_cache";

    @Reference(service = LoggerFactory.class)
    private Logger log;

    /** Felix's implementation holds the second map; absent when the framework runs without security. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL)
    private org.osgi.service.condpermadmin.ConditionalPermissionAdmin admin;

    private BundleContext context;
    private java.util.List<Map<?, ?>> caches = java.util.List.of();

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        java.util.List<Map<?, ?>> found = new java.util.ArrayList<>();
        Map<?, ?> staticCache = conditionCache(context);
        if (staticCache != null) {
            found.add(staticCache);
        }
        Map<?, ?> adminCache = adminCache(admin);
        if (adminCache != null) {
            found.add(adminCache);
        }
        this.caches = java.util.List.copyOf(found);
        if (!caches.isEmpty()) {
            context.addBundleListener(this);
            context.addFrameworkListener(this);
        }
    }

    @Deactivate
    void deactivate() {
        if (!caches.isEmpty()) {
            context.removeBundleListener(this);
            context.removeFrameworkListener(this);
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        int type = event.getType();
        if (type == BundleEvent.UNINSTALLED || type == BundleEvent.UPDATED || type == BundleEvent.UNRESOLVED) {
            purge();
        }
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
            purge();
        }
    }

    /** @return how many entries were forgotten */
    int purge() {
        int forgotten = 0;
        for (Map<?, ?> map : caches) {
            forgotten += purge(map);
        }
        return forgotten;
    }

    /** Removes the gone revisions among the keys of {@code map} and of the maps it holds as values (Felix nests them). */
    private static int purge(Map<?, ?> map) {
        // Felix guards these maps with the outer one's monitor and checks permissions while it holds bundle locks:
        // never ask a bundle anything while holding the monitor, or the two could wait for each other
        java.util.List<Object> keys = new java.util.ArrayList<>();
        synchronized (map) {
            keys.addAll(map.keySet());
            for (Object value : map.values()) {
                if (value instanceof Map<?, ?> inner) {
                    keys.addAll(inner.keySet());
                }
            }
        }
        java.util.Set<Object> gone = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        keys.stream().filter(ConditionCachePurge::isGone).forEach(gone::add);
        if (gone.isEmpty()) {
            return 0;
        }
        int removed = 0;
        synchronized (map) {
            removed += remove(map, gone);
            for (Object value : map.values()) {
                if (value instanceof Map<?, ?> inner) {
                    synchronized (inner) {
                        removed += remove(inner, gone);
                    }
                }
            }
        }
        return removed;
    }

    private static int remove(Map<?, ?> map, java.util.Set<Object> gone) {
        int before = map.size();
        map.keySet().removeIf(gone::contains);
        return before - map.size();
    }

    private static boolean isGone(Object key) {
        if (!(key instanceof BundleRevision revision)) {
            return false;
        }
        Bundle bundle = revision.getBundle();
        return bundle == null || bundle.getState() == Bundle.UNINSTALLED || bundle.adapt(BundleRevision.class) != revision;
    }

    /** @return the cache of Conditional Permission Admin's own conditions, or {@code null} when it is not Felix's */
    private Map<?, ?> adminCache(Object conditionalPermissionAdmin) {
        if (conditionalPermissionAdmin == null) {
            return null;
        }
        try {
            Object conditions = field(conditionalPermissionAdmin.getClass(), ADMIN_CONDITIONS_FIELD).get(conditionalPermissionAdmin);
            Object cache = conditions == null ? null : field(conditions.getClass(), ADMIN_CACHE_FIELD).get(conditions);
            return cache instanceof Map<?, ?> map ? map : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("No Felix Conditional Permission Admin condition cache to keep small ({}): nothing to do", e.toString());
            return null;
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /** @return Felix's static condition cache, or {@code null} when this framework has none (no security, not Felix) */
    private Map<?, ?> conditionCache(BundleContext context) {
        Bundle framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        try {
            Class<?> conditions = Class.forName(CONDITIONS, false, framework.getClass().getClassLoader());
            return field(conditions, CACHE_FIELD).get(null) instanceof Map<?, ?> map ? map : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.debug("No Felix condition cache to keep small ({}): nothing to do", e.toString());
            return null;
        }
    }
}
