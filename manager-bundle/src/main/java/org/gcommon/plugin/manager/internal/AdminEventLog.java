package org.gcommon.plugin.manager.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginStateEvent;
import org.gcommon.plugin.api.PluginStateListener;
import org.gcommon.plugin.api.admin.AdminEvent;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The recent management and lifecycle events, newest first, bounded: what {@code GET /api/events}
 * lists. Fed by the management calls and the deploy folder (installs, updates, roll backs,
 * refusals) and by state changes from any path: plugins' (STARTED, STOPPED, FAILED, QUARANTINED)
 * and those of deployed bundles that are no gcommon plugin. Each event is also posted to Event
 * Admin under {@code org/gcommon/plugin/ADMIN/<KIND>}.
 */
@Component(service = { EventJournal.class, PluginStateListener.class }, immediate = true)
public final class AdminEventLog implements EventJournal, PluginStateListener {

    static final int CAPACITY = 500;

    private final Deque<AdminEvent> events = new ArrayDeque<>();
    /** Bundles seen registering a plugin: their start and stop are told by their plugins' events. */
    private final Set<Long> pluginBundles = ConcurrentHashMap.newKeySet();
    private volatile EventAdmin eventAdmin;
    private BundleContext context;
    private SynchronousBundleListener bundles;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        bundles = this::bundleChanged;
        context.addBundleListener(bundles);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(bundles);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setEventAdmin(EventAdmin admin) {
        this.eventAdmin = admin;
    }

    void unsetEventAdmin(EventAdmin admin) {
        if (this.eventAdmin == admin) {
            this.eventAdmin = null;
        }
    }

    @Override
    public void record(String plugin, String kind, String message) {
        AdminEvent event = new AdminEvent(Instant.now(), plugin, kind, message);
        synchronized (events) {
            events.addFirst(event);
            while (events.size() > CAPACITY) {
                events.removeLast();
            }
        }
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            Map<String, Object> props = new HashMap<>();
            props.put(PluginConstants.EVENT_PLUGIN_NAME, event.plugin());
            props.put("kind", kind);
            props.put("message", event.message());
            props.put("timestamp", event.time().toEpochMilli());
            try {
                admin.postEvent(new Event(TOPIC_PREFIX + kind, props));
            } catch (RuntimeException e) {
                // Event Admin going away: the journal has the event
            }
        }
    }

    @Override
    public List<AdminEvent> recent(int max) {
        List<AdminEvent> out = new ArrayList<>();
        synchronized (events) {
            Iterator<AdminEvent> it = events.iterator();
            while (it.hasNext() && out.size() < max) {
                out.add(it.next());
            }
        }
        return out;
    }

    @Override
    public void stateChanged(PluginStateEvent event) {
        String reason = event.reason().map(r -> ": " + r).orElse("");
        String plugin = event.pluginName() + " " + event.version();
        PluginState to = event.to();
        switch (to) {
        case ACTIVE -> record(event.pluginName(), "STARTED", "Plugin " + plugin + " is ACTIVE");
        case STOPPED -> record(event.pluginName(), "STOPPED", "Plugin " + plugin + " stopped" + reason);
        case FAILED -> record(event.pluginName(), "FAILED", "Plugin " + plugin + " FAILED" + reason);
        case QUARANTINED -> record(event.pluginName(), "QUARANTINED", "Plugin " + plugin + " was quarantined" + reason);
        case REJECTED -> record(event.pluginName(), "REJECTED", "Plugin " + plugin + " was rejected" + reason);
        default -> {
            // the steps in between (INITIALIZED, STARTING, STOPPING) are not management events
        }
        }
    }

    private void bundleChanged(BundleEvent event) {
        Bundle b = event.getBundle();
        if (!b.getLocation().startsWith(PluginConstants.PLUGIN_LOCATION_PREFIX)) {
            return;
        }
        switch (event.getType()) {
        case BundleEvent.STARTED -> {
            if (registersPlugin(b)) {
                pluginBundles.add(b.getBundleId());
            } else if (!pluginBundles.contains(b.getBundleId())) {
                record(nameOf(b), "STARTED", "Bundle " + b.getSymbolicName() + " " + b.getVersion() + " is ACTIVE");
            }
        }
        case BundleEvent.STOPPED -> {
            if (!pluginBundles.contains(b.getBundleId())) {
                record(nameOf(b), "STOPPED", "Bundle " + b.getSymbolicName() + " " + b.getVersion() + " stopped");
            }
        }
        case BundleEvent.UNINSTALLED -> pluginBundles.remove(b.getBundleId());
        default -> {
            // installs and updates are recorded by the deploy folder, with their reasons
        }
        }
    }

    private static boolean registersPlugin(Bundle b) {
        ServiceReference<?>[] refs = Privileged.call(b::getRegisteredServices);
        if (refs != null) {
            for (ServiceReference<?> ref : refs) {
                if (ref.getProperty(Constants.OBJECTCLASS) instanceof String[] names
                        && List.of(names).contains(Plugin.class.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    static String nameOf(Bundle b) {
        String bsn = b.getSymbolicName();
        return bsn == null || bsn.isEmpty() ? PluginListing.fileName(b.getLocation()) : bsn;
    }
}
