package org.gcommon.plugin.security.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.RuntimeCheck;
import org.gcommon.plugin.api.security.Denial;
import org.gcommon.plugin.api.security.PermissionReport;
import org.gcommon.plugin.api.security.PluginPermissions;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.condpermadmin.ConditionalPermissionAdmin;
import org.osgi.service.condpermadmin.ConditionalPermissionInfo;
import org.osgi.service.condpermadmin.ConditionalPermissionUpdate;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The plugin sandbox: writes the default-deny Conditional Permission Admin table (defaults for every
 * plugin, administrator grants for those that declare what they need, AllPermission for the runtime),
 * keeps it in step with installed bundles and with {@code etc/org.gcommon.plugin.security.grants.cfg},
 * reports denials, and refuses to let plugins start where none of this can be enforced.
 */
@Component(service = { PluginPermissions.class, RuntimeCheck.class }, immediate = true,
        configurationPid = PluginPermissions.GRANTS_PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@SuppressWarnings("removal")
public final class Sandbox implements PluginPermissions, RuntimeCheck {

    private static final String PERMISSIONS_FILE = "OSGI-INF/permissions.perm";

    /** Set by the enforcement agent once its hooks are in place (its {@code Enforcement.ENFORCER_PROPERTY}). */
    static final String ENFORCER_PROPERTY = "gcommon.sandbox.enforcer";
    static final String AGENT = "agent";

    @Reference
    private ConditionalPermissionAdmin cpa;

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    private volatile org.gcommon.plugin.security.limits.ResourceWatcher limits;

    private final Map<Long, List<String>> declaredByBundle = new ConcurrentHashMap<>();
    private volatile Map<String, List<String>> grants = Map.of();
    private volatile List<String> grantProblems = List.of();
    private volatile String enforcement = "not started";
    private volatile boolean enforced;
    private volatile boolean insecure;
    /** Which enforcer holds the sandbox: {@code security-manager}, {@code agent} or {@code none}. */
    private volatile String enforcer = PluginPermissions.ENFORCER_NONE;
    /**
     * The enforcement agent's checker, while the agent enforces (Java 24+). Typed by an interface of this
     * bundle: where the agent is absent its hook classes cannot be loaded, and no field or signature here
     * may name them.
     */
    private volatile AgentChecker.Installed agent;
    private DenialLog denials;
    private BundleContext context;
    private SynchronousBundleListener bundles;

    @Activate
    void activate(BundleContext bundleContext, Map<String, Object> config) {
        this.context = bundleContext;
        this.insecure = Boolean.parseBoolean(bundleContext.getProperty(SandboxConfig.INSECURE));
        this.denials = new DenialLog(message -> log.warn(message));
        readGrants(config);
        // Rows follow bundles: a plugin's grant row exists before the plugin can run a line of code.
        bundles = event -> {
            if (!event.getBundle().getLocation().startsWith(PluginConstants.PLUGIN_LOCATION_PREFIX)) {
                return;
            }
            switch (event.getType()) {
            case BundleEvent.INSTALLED, BundleEvent.UPDATED -> {
                declaredByBundle.remove(event.getBundle().getBundleId());
                if (grants.containsKey(event.getBundle().getSymbolicName())) {
                    commit();
                }
            }
            case BundleEvent.UNINSTALLED -> {
                declaredByBundle.remove(event.getBundle().getBundleId());
                denials.forget(event.getBundle().getBundleId());
                if (grants.containsKey(event.getBundle().getSymbolicName())) {
                    commit();
                }
            }
            default -> {
                // other events change nothing the table depends on
            }
            }
            if (event.getType() == BundleEvent.UPDATED || event.getType() == BundleEvent.UNINSTALLED) {
                // its local permissions (permissions.perm) may have changed; forgotten after the state above
                // changed, so that no decision made from the old state is remembered again
                forgetDecisions();
            }
        };
        bundleContext.addBundleListener(bundles);
        commit();
        enforce();
        openGate();
    }

    @Modified
    void modified(Map<String, Object> config) {
        readGrants(config);
        commit();
        log.info("Plugin grants reloaded from {}: {} plugin(s) with grants", GRANTS_FILE, grants.size());
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(bundles);
        AgentChecker.Installed checker = agent;
        if (checker != null) {
            // plugin code is refused everything again until a sandbox installs its checker
            checker.uninstall();
            agent = null;
        }
    }

    // --- the table -------------------------------------------------------------------------------

    private void readGrants(Map<String, Object> config) {
        Map<String, List<String>> parsed = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("service.") || key.startsWith("component.") || key.startsWith("gcommon.config.")
                    || key.startsWith("felix.")) {
                continue;
            }
            List<String> values = new ArrayList<>();
            Object value = e.getValue();
            Iterable<?> items = value instanceof String[] array ? List.of(array)
                    : value instanceof Iterable<?> it ? it : List.of(String.valueOf(value));
            try {
                for (Object item : items) {
                    values.addAll(PermissionLines.split(String.valueOf(item)));
                }
                parsed.put(key, List.copyOf(values));
            } catch (IllegalArgumentException ex) {
                problems.add(GRANTS_FILE + ": grant for " + key + " ignored: " + ex.getMessage());
            }
        }
        problems.forEach(log::error);
        grants = Map.copyOf(parsed);
        grantProblems = List.copyOf(problems);
    }

    private synchronized void commit() {
        List<PolicyTable.PluginBundle> plugins = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(PluginConstants.PLUGIN_LOCATION_PREFIX) && b.getState() != Bundle.UNINSTALLED
                    && grants.containsKey(b.getSymbolicName())) {
                plugins.add(new PolicyTable.PluginBundle(b.getLocation(), b.getSymbolicName(), declares(b)));
            }
        }
        List<String> rows = PolicyTable.rows(grants, plugins);
        for (int attempt = 0; attempt < 10; attempt++) {
            ConditionalPermissionUpdate update = cpa.newConditionalPermissionUpdate();
            List<ConditionalPermissionInfo> infos = update.getConditionalPermissionInfos();
            infos.clear();
            for (String row : rows) {
                infos.add(cpa.newConditionalPermissionInfo(row));
            }
            if (update.commit()) {
                forgetDecisions();
                return;
            }
        }
        log.error("Could not update the Conditional Permission Admin table after 10 tries (it kept changing)");
    }

    // --- enforcement ---------------------------------------------------------------------------

    private void enforce() {
        int feature = Runtime.version().feature();
        if (AGENT.equals(System.getProperty(ENFORCER_PROPERTY))) {
            // Checked first: with the agent, System.getSecurityManager() answers the agent's stand-in here too.
            agent = AgentChecker.install(context, this);
            enforced = true;
            enforcer = PluginPermissions.ENFORCER_AGENT;
            enforcement = "enforcement agent (Java " + feature + "): the Conditional Permission Admin table, checked at "
                    + "the JDK's entry points";
            log.info("Plugin sandbox enforced: {}", enforcement);
            return;
        }
        SecurityManager current = System.getSecurityManager();
        if (current != null && current.getClass().getName().equals(SandboxSecurityManager.class.getName())) {
            enforced = true;
        } else if (current != null) {
            // The framework installed a plain SecurityManager: put ours in its place, same decisions plus reports.
            System.setSecurityManager(TrustedDefiner.newSecurityManager(this::reportDenial, this::admitThread,
                    this::threadGroupOf));
            enforced = true;
        } else {
            enforced = false;
        }
        enforcer = enforced ? PluginPermissions.ENFORCER_SECURITY_MANAGER : PluginPermissions.ENFORCER_NONE;
        if (enforced) {
            enforcement = "Conditional Permission Admin + SecurityManager (Java " + feature + ")";
            log.info("Plugin sandbox enforced: {}", enforcement);
        } else {
            enforcement = feature >= 24
                    ? "not enforced: Java " + feature + " has no SecurityManager (JEP 486) and the enforcement agent is not "
                            + "attached (start the container with bin/gcommon, which attaches it)"
                    : "not enforced: no SecurityManager is installed (start the container with bin/gcommon, which sets "
                            + "org.osgi.framework.security=osgi)";
            log.error("Plugin sandbox {}. {}", enforcement, insecure
                    ? "Plugins run ANYWAY because the container was started with --insecure: they can do anything."
                    : "Plugins are not started. Start with bin/gcommon (it attaches the enforcement agent on Java 24+), run on "
                            + "Java 17 to 23, or start with --insecure to run them unprotected.");
        }
    }

    private void openGate() {
        String level = context.getProperty(SandboxConfig.PLUGIN_START_LEVEL);
        if (level == null || (!enforced && !insecure)) {
            return;
        }
        FrameworkStartLevel startLevel = context.getBundle(0).adapt(FrameworkStartLevel.class);
        int target = Integer.parseInt(level.trim());
        if (startLevel.getStartLevel() < target) {
            startLevel.setStartLevel(target);
        }
    }

    /** The enforcers cache granted decisions; they must go when the table or a bundle changes. */
    private void forgetDecisions() {
        AgentChecker.Installed checker = agent;
        if (checker != null) {
            checker.forget();
            return;
        }
        if (System.getSecurityManager() instanceof Runnable cache
                && cache.getClass().getName().equals(SandboxSecurityManager.class.getName())) {
            cache.run();
        }
    }

    /** @return why the plugin creating a thread may not create another one, or {@code null} */
    private String admitThread(Class<?>[] stack) {
        org.gcommon.plugin.security.limits.ResourceWatcher watcher = limits;
        Bundle plugin = watcher == null ? null : creatingPlugin(stack);
        return plugin == null ? null : watcher.admitThread(plugin);
    }

    /** @return the thread group of the plugin creating a thread, or {@code null} when no plugin creates it */
    private ThreadGroup threadGroupOf(Class<?>[] stack) {
        org.gcommon.plugin.security.limits.ResourceWatcher watcher = limits;
        Bundle plugin = watcher == null ? null : creatingPlugin(stack);
        return plugin == null ? null : watcher.threadGroup(plugin);
    }

    /**
     * @return the plugin whose own code creates a thread: the first frame that is neither the JDK nor the
     *         security manager. A library or the runtime creating a thread while a plugin waits further down
     *         the stack (a pool growing during a plugin's call) is not the plugin's thread.
     */
    static Bundle creatingPlugin(Class<?>[] stack) {
        for (Class<?> c : stack) {
            ClassLoader loader = c.getClassLoader();
            if (loader == null || loader == ClassLoader.getPlatformClassLoader() || loader instanceof TrustedDefiner) {
                continue;
            }
            if (loader instanceof org.osgi.framework.BundleReference reference) {
                Bundle bundle = reference.getBundle();
                return bundle != null && bundle.getLocation().startsWith(PluginConstants.PLUGIN_LOCATION_PREFIX)
                        ? bundle : null;
            }
            return null;
        }
        return null;
    }

    /** @return the message naming plugin, permission and fix, or {@code null} when no plugin was calling */
    private String reportDenial(Class<?>[] stack, java.security.Permission permission) {
        Bundle plugin = pluginOnStack(stack);
        return plugin == null ? null : denials.record(subject(plugin), permission, callSite(plugin));
    }

    /** The agent's report of a refused permission: the same record and message as the SecurityManager's. */
    String reportDenial(Bundle plugin, java.security.Permission permission) {
        return denials.record(subject(plugin), permission, callSite(plugin));
    }

    /**
     * The agent's thread gate: the plugin's own code starts {@code thread}.
     *
     * @return why it may not, or {@code null}; an admitted thread is counted as the plugin's
     */
    String admitThread(Bundle plugin, Thread thread) {
        org.gcommon.plugin.security.limits.ResourceWatcher watcher = limits;
        if (watcher == null) {
            return null;
        }
        String refusal = watcher.admitThread(plugin);
        if (refusal == null) {
            watcher.adopt(thread, plugin);
        }
        return refusal;
    }

    /** @return the administrator's grants for a symbolic name, empty when none */
    List<String> grantsOf(String symbolicName) {
        return grants.getOrDefault(symbolicName, List.of());
    }

    /** @return the plugin's own frame nearest the top of the stack, e.g. {@code com.acme.Foo.bar(Foo.java:42)} */
    private static String callSite(Bundle plugin) {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(f -> f.getDeclaringClass().getClassLoader() instanceof org.osgi.framework.BundleReference r
                        && r.getBundle() == plugin)
                .findFirst().map(f -> f.toStackTraceElement().toString()).orElse(null));
    }

    /** @return the plugin bundle nearest the top of the stack, or {@code null} when no plugin code is calling */
    static Bundle pluginOnStack(Class<?>[] stack) {
        for (Class<?> c : stack) {
            if (c.getClassLoader() instanceof org.osgi.framework.BundleReference reference) {
                Bundle bundle = reference.getBundle();
                if (bundle != null && bundle.getLocation().startsWith(PluginConstants.PLUGIN_LOCATION_PREFIX)) {
                    return bundle;
                }
            }
        }
        return null;
    }

    private DenialLog.Subject subject(Bundle bundle) {
        return new DenialLog.Subject(bundle.getBundleId(), String.valueOf(bundle.getSymbolicName()),
                bundle.getVersion().toString(), declares(bundle));
    }

    boolean declares(Bundle bundle) {
        return bundle.getEntry(PERMISSIONS_FILE) != null;
    }

    List<String> declared(Bundle bundle) {
        return declaredByBundle.computeIfAbsent(bundle.getBundleId(), id -> {
            URL entry = bundle.getEntry(PERMISSIONS_FILE);
            if (entry == null) {
                return List.of();
            }
            try (InputStream in = entry.openStream()) {
                return List.copyOf(PermissionLines.readPermissionsFile(in));
            } catch (IOException | IllegalArgumentException e) {
                return List.of("unreadable: " + e.getMessage());
            }
        });
    }

    // --- RuntimeCheck --------------------------------------------------------------------------

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public HealthStatus check() {
        if (!grantProblems.isEmpty()) {
            return HealthStatus.degraded(enforcement + "; " + String.join("; ", grantProblems));
        }
        if (enforced) {
            return HealthStatus.healthy("enforced: " + enforcement);
        }
        return HealthStatus.degraded(enforcement + (insecure ? "; running INSECURE (--insecure): plugins are not sandboxed"
                : "; plugins are not started (start with --insecure to run them unprotected)"));
    }

    // --- PluginPermissions ---------------------------------------------------------------------

    @Override
    public Optional<PermissionReport> report(long bundleId) {
        Bundle bundle = context.getBundle(bundleId);
        if (bundle == null || !bundle.getLocation().startsWith(PluginConstants.PLUGIN_LOCATION_PREFIX)) {
            return Optional.empty();
        }
        boolean declares = declares(bundle);
        List<String> declared = declared(bundle);
        List<String> granted = grants.getOrDefault(bundle.getSymbolicName(), List.of());
        Set<String> effective = new LinkedHashSet<>(SandboxDefaults.ALLOWED);
        if (declares) {
            for (String g : granted) {
                if (PermissionSets.implies(declared, g)) {
                    effective.add(g);
                }
            }
        }
        List<Denial> recent = denials.recent(bundleId);
        return Optional.of(new Report(declares, declared, granted, SandboxDefaults.ALLOWED, List.copyOf(effective), recent));
    }

    @Override
    public String enforcement() {
        return enforcement;
    }

    @Override
    public boolean enforced() {
        return enforced;
    }

    @Override
    public String enforcer() {
        return enforcer;
    }

    private record Report(boolean declares, List<String> declared, List<String> granted, List<String> defaults,
            List<String> effective, List<Denial> denials) implements PermissionReport {
    }
}
