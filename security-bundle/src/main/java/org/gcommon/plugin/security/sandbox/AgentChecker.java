package org.gcommon.plugin.security.sandbox;

import java.io.File;
import java.io.FilePermission;
import java.security.Permission;
import java.util.List;
import java.util.Map;
import java.util.PropertyPermission;
import java.util.concurrent.ConcurrentHashMap;

import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.enforcement.hook.Checker;
import org.gcommon.plugin.enforcement.hook.Enforcement;
import org.osgi.framework.AdminPermission;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleReference;
import org.osgi.framework.Constants;

/**
 * The sandbox's decisions for the enforcement agent (Java 24+, where no SecurityManager asks Conditional
 * Permission Admin). One permission model: the same rows as the {@link PolicyTable}, evaluated the way
 * the framework evaluates them —
 * <ol>
 * <li>what the framework implies for every bundle: its own data area, its own resources and metadata,
 * the {@code org.osgi.framework.*} properties (plus reading the JDK's own files, which the JDK read on
 * Java 17 inside its privileged blocks);</li>
 * <li>a plugin that declares permissions ({@code OSGI-INF/permissions.perm}) gets nothing beyond them;</li>
 * <li>the administrator's grants for it;</li>
 * <li>never what the runtime keeps to itself ({@link SandboxDefaults#DENIED});</li>
 * <li>the defaults every plugin gets ({@link SandboxDefaults#ALLOWED});</li>
 * <li>nothing else.</li>
 * </ol>
 * Denials are recorded and worded by the sandbox's {@link DenialLog}, exactly as on Java 17.
 *
 * <p>Only this class refers to the agent's hook package: it is loaded only when the agent is present.
 */
@SuppressWarnings("removal")
final class AgentChecker implements Checker {

    /** Marks class loaders of trusted code in {@link #loaders}. */
    private static final Object TRUSTED = new Object();

    private final BundleContext context;
    private final Sandbox sandbox;
    private final EncodedImplies encoded = new EncodedImplies();
    private final Map<ClassLoader, Object> loaders = new ConcurrentHashMap<>();
    private final Map<Long, Permission[]> implied = new ConcurrentHashMap<>();
    private final FilePermission jdkFiles = new FilePermission(System.getProperty("java.home") + File.separator + "-", "read");

    AgentChecker(BundleContext context, Sandbox sandbox) {
        this.context = context;
        this.sandbox = sandbox;
    }

    /** The installed checker, as the sandbox holds it: without naming a type of the agent's hooks. */
    interface Installed {
        /** Forgets cached decisions: the table or a bundle changed. */
        void forget();

        /** Takes the checker out: plugin code is refused everything until another is installed. */
        void uninstall();
    }

    /**
     * Installs a checker: from now on the agent asks it for every plugin.
     *
     * @return the installed checker
     */
    static Installed install(BundleContext context, Sandbox sandbox) {
        AgentChecker checker = new AgentChecker(context, sandbox);
        Enforcement.install(checker);
        return new Installed() {
            @Override
            public void forget() {
                checker.forget();
            }

            @Override
            public void uninstall() {
                Enforcement.uninstall(checker);
            }
        };
    }

    /**
     * Forgets cached decisions and class loaders: the table or a bundle changed. Granted decisions are
     * remembered by the agent's hook, per checker ({@link Enforcement#forget}); the sandbox calls this after
     * it changed its state, so an answer worked out from the old state is never remembered afresh.
     */
    void forget() {
        implied.clear();
        Enforcement.forget(this);
        loaders.keySet().removeIf(loader -> loader instanceof BundleReference r && r.getBundle() != null
                && r.getBundle().getState() == Bundle.UNINSTALLED);
    }

    @Override
    public Object pluginOf(ClassLoader loader) {
        Object known = loaders.get(loader);
        if (known == null) {
            known = classify(loader);
            loaders.put(loader, known);
        }
        return known == TRUSTED ? null : known;
    }

    /**
     * A bundle's class loader belongs to its bundle; a class loader a plugin made (its own, or one a
     * library made for it) belongs to the plugin whose loader is among its parents.
     */
    private static Object classify(ClassLoader loader) {
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof BundleReference reference) {
                Bundle bundle = reference.getBundle();
                return bundle != null && bundle.getLocation().startsWith(PluginConstants.PLUGIN_LOCATION_PREFIX)
                        ? bundle : TRUSTED;
            }
        }
        return TRUSTED;
    }

    @Override
    public String deny(Object plugin, Permission permission) {
        Bundle bundle = (Bundle) plugin;
        return allows(bundle, permission) ? null : sandbox.reportDenial(bundle, permission);
    }

    @Override
    public String admitThread(Object plugin, Thread thread) {
        return sandbox.admitThread((Bundle) plugin, thread);
    }

    @Override
    public boolean bundleHolds(Object bundle, Permission permission) {
        Bundle b = (Bundle) bundle;
        if (b.getState() == Bundle.UNINSTALLED) {
            throw new IllegalStateException("Bundle " + b.getSymbolicName() + " [" + b.getBundleId() + "] is uninstalled");
        }
        return !b.getLocation().startsWith(PluginConstants.PLUGIN_LOCATION_PREFIX) || allows(b, permission);
    }

    /** The decision, row by row as Conditional Permission Admin and the framework make it. */
    boolean allows(Bundle bundle, Permission permission) {
        for (Permission p : implied(bundle)) {
            if (p.implies(permission)) {
                return true;
            }
        }
        if (sandbox.declares(bundle) && !encoded.implies(sandbox.declared(bundle), permission)) {
            return false;
        }
        List<String> grants = sandbox.grantsOf(bundle.getSymbolicName());
        if (sandbox.declares(bundle) && !grants.isEmpty() && encoded.implies(grants, permission)) {
            return true;
        }
        if (encoded.implies(SandboxDefaults.DENIED, permission)) {
            return false;
        }
        return encoded.implies(SandboxDefaults.ALLOWED, permission);
    }

    /** What the framework grants every bundle by itself (OSGi Core, "Implied Permissions"), and the JDK's files. */
    private Permission[] implied(Bundle bundle) {
        return implied.computeIfAbsent(bundle.getBundleId(), id -> {
            String data = dataArea(bundle);
            return new Permission[] {
                    new FilePermission(data, "read,write,delete"),
                    new FilePermission(data + File.separator + "-", "read,write,delete"),
                    new AdminPermission("(id=" + id + ")", "resource,metadata,class,context"),
                    new PropertyPermission("org.osgi.framework.*", "read"),
                    jdkFiles };
        });
    }

    /** @return the bundle's persistent storage area, as the framework lays it out */
    private String dataArea(Bundle bundle) {
        BundleContext own = bundle.getBundleContext();
        File dir = own == null ? null : own.getDataFile("");
        if (dir == null) {
            dir = new File(context.getProperty(Constants.FRAMEWORK_STORAGE), "bundle" + bundle.getBundleId() + File.separator + "data");
        }
        String path = dir.getAbsolutePath();
        return path.endsWith(File.separator) ? path.substring(0, path.length() - 1) : path;
    }
}
