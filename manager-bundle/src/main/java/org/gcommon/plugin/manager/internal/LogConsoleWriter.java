package org.gcommon.plugin.manager.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.Logger;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.admin.LoggerContext;

/**
 * Prints the OSGi log (INFO and up) to standard output, where the launcher also copies it into
 * {@code log/gcommon.log}. Raises the default log level to INFO: the OSGi default is WARN, which would
 * hide every lifecycle transition an operator wants to see.
 */
@Component(immediate = true, service = {})
public final class LogConsoleWriter implements LogListener {

    private final PrintStream out = System.out;

    @Reference
    private LogReaderService reader;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL)
    private LoggerAdmin loggerAdmin;

    @Activate
    void activate() {
        if (loggerAdmin != null) {
            LoggerContext root = loggerAdmin.getLoggerContext(null);
            if (root.getLogLevels().isEmpty()) {
                root.setLogLevels(Map.of(Logger.ROOT_LOGGER_NAME, LogLevel.INFO));
            }
        }
        reader.addLogListener(this);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        if (!LogLevel.INFO.implies(entry.getLogLevel())) {
            return;
        }
        // The framework logs every bundle and service event at INFO under "Events.*"; the runtime logs the
        // transitions that matter itself, so those are shown only when they carry a warning or error.
        String logger = entry.getLoggerName();
        if (logger != null && logger.startsWith("Events.") && !LogLevel.WARN.implies(entry.getLogLevel())) {
            return;
        }
        StringBuilder line = new StringBuilder(160).append(Instant.ofEpochMilli(entry.getTime())).append(' ')
                .append(String.format("%-5s", entry.getLogLevel())).append(" [")
                .append(entry.getBundle() == null ? "framework" : entry.getBundle().getSymbolicName()).append("] ")
                .append(entry.getMessage());
        if (entry.getException() != null) {
            StringWriter trace = new StringWriter();
            entry.getException().printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace);
        }
        out.println(line);
    }
}
