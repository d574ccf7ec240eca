package org.gcommon.plugin.security.internal;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

import org.gcommon.plugin.security.scanner.ArchiveScanner;
import org.gcommon.plugin.security.scanner.DefaultArchiveScanner;
import org.gcommon.plugin.security.scanner.ScanPolicy;
import org.gcommon.plugin.security.scanner.ScanReport;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link ArchiveScanner} service, with the policy of ConfigAdmin PID
 * {@code org.gcommon.plugin.security.scanner} (the default policy when there is none).
 */
@Component(service = ArchiveScanner.class, configurationPid = ScanPolicy.PID)
@Designate(ocd = ScannerConfiguration.class)
public final class ArchiveScannerComponent implements ArchiveScanner {

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private volatile DefaultArchiveScanner scanner;

    @Activate
    @Modified
    void configure(BundleContext context, Map<String, Object> properties) {
        scanner = ScannerSettings.scanner(context, properties, log::error);
        log.info("Plugin scanner policy: {}", scanner.policy());
    }

    @Override
    public ScanReport scan(Path jar) {
        return scanner.scan(jar);
    }

    @Override
    public ScanReport scan(String name, InputStream in) {
        return scanner.scan(name, in);
    }
}
