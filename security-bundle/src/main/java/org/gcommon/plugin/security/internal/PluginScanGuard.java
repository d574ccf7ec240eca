package org.gcommon.plugin.security.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.AccessController;
import java.security.PrivilegedAction;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.security.scanner.ArchiveScanner;
import org.gcommon.plugin.security.scanner.ScanPolicy;
import org.gcommon.plugin.security.scanner.ScanReport;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The scanner's backstop in the framework: a resolver hook that scans the stored content of every
 * plugin revision (bundle location starting with {@code gcommon:}) the first time it is about to
 * resolve, remembers the verdict per revision, and keeps rejected revisions out of resolution so that
 * none of their code can ever run. The loader scans archives before installing them; this catches
 * whatever was installed another way.
 *
 * <p>It reads the scanner's configuration (PID {@code org.gcommon.plugin.security.scanner}) itself, so
 * that a policy change and the verdicts it invalidates are one step: verdicts reached under an older
 * policy are judged again on the revision's next try. The reasons of a rejection are logged once per
 * revision and policy.
 */
@Component(service = ResolverHookFactory.class, immediate = true, configurationPid = ScanPolicy.PID)
public final class PluginScanGuard implements ResolverHookFactory {

    /** A verdict, and the scanner (hence policy) that reached it. */
    private record Judged(ArchiveScanner scanner, ScanReport report) {
    }

    private final Map<BundleRevision, Judged> verdicts = Collections.synchronizedMap(new WeakHashMap<>());

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private volatile ArchiveScanner scanner;
    private Consumer<String> rejections;

    /** For Declarative Services. */
    public PluginScanGuard() {
    }

    /**
     * @param scanner the scanner
     * @param rejections receives one message per rejected revision
     */
    PluginScanGuard(ArchiveScanner scanner, Consumer<String> rejections) {
        this.scanner = scanner;
        this.rejections = rejections;
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        rejections = log::error;
        modified(context, properties);
    }

    @Modified
    void modified(BundleContext context, Map<String, Object> properties) {
        // The scanner service reports an invalid configuration; here it only falls back to the defaults.
        scanner = ScannerSettings.scanner(context, properties, problem -> {
        });
    }

    @Override
    public ResolverHook begin(Collection<BundleRevision> triggers) {
        return new Hook();
    }

    /**
     * @param revision a bundle revision
     * @return the scanner's report on the revision's content; scanned once per revision and policy
     */
    ScanReport verdict(BundleRevision revision) {
        ArchiveScanner current = scanner;
        Judged known = verdicts.get(revision);
        if (known != null && known.scanner() == current) {
            return known.report();
        }
        ScanReport report = scan(current, revision.getBundle());
        verdicts.put(revision, new Judged(current, report));
        if (!report.accepted()) {
            Bundle b = revision.getBundle();
            rejections.accept("Plugin bundle " + b.getBundleId() + " (" + b.getSymbolicName() + " " + revision.getVersion()
                    + ", " + b.getLocation() + ") is REJECTED by the scanner and will not resolve: "
                    + String.join("; ", report.reasons()));
        }
        return report;
    }

    @SuppressWarnings("removal") // the hook may run on a plugin's thread; the scan needs the runtime's own rights
    private static ScanReport scan(ArchiveScanner scanner, Bundle bundle) {
        return AccessController.doPrivileged((PrivilegedAction<ScanReport>) () -> {
            try (InputStream in = new BundleArchiveStream(bundle)) {
                return scanner.scan(bundle.getLocation(), in);
            } catch (IOException e) {
                throw new IllegalStateException(e); // never: closing the re-packing stream only ends a deflater
            }
        });
    }

    /**
     * Whether the revision's stored content can be read now. When it cannot (seen while a revision is being
     * installed, or in a resolve round right after the SecurityManager changed), it stays out of this round
     * without a verdict: a verdict is kept for good, and an unreadable moment is not a bad archive.
     */
    @SuppressWarnings("removal")
    private static boolean readable(BundleRevision revision) {
        return AccessController.doPrivileged((PrivilegedAction<Boolean>) () -> {
            java.net.URL manifest = revision.getBundle().getEntry("META-INF/MANIFEST.MF");
            if (manifest == null) {
                return true; // nothing to probe: the scanner judges the archive
            }
            try (InputStream in = manifest.openStream()) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @SuppressWarnings("removal")
    private static boolean isPlugin(BundleRevision revision) {
        return AccessController.doPrivileged((PrivilegedAction<Boolean>) () -> revision.getBundle().getLocation()
                .startsWith(PluginConstants.PLUGIN_LOCATION_PREFIX));
    }

    private final class Hook implements ResolverHook {

        @Override
        public void filterResolvable(Collection<BundleRevision> candidates) {
            for (Iterator<BundleRevision> it = candidates.iterator(); it.hasNext();) {
                BundleRevision r = it.next();
                if (isPlugin(r) && (!readable(r) || !verdict(r).accepted())) {
                    it.remove();
                }
            }
        }

        @Override
        public void filterSingletonCollisions(BundleCapability singleton, Collection<BundleCapability> collisions) {
            // not the scanner's concern
        }

        @Override
        public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
            // not the scanner's concern
        }

        @Override
        public void end() {
            // verdicts stay cached per revision
        }
    }
}
