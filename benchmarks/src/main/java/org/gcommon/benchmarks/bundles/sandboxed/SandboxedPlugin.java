package org.gcommon.benchmarks.bundles.sandboxed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;

/** A plugin that keeps a small data file in its own data area, which the sandbox lets it read. */
final class SandboxedPlugin implements Plugin {

    private volatile Path dataFile;

    Path dataFile() {
        return dataFile;
    }

    @Override
    public String name() {
        return "bench-sandboxed";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void initialize(Map<String, Object> config) {
    }

    @Override
    public void start(PluginContext context) throws PluginException {
        Path file = context.dataDirectory().resolve("settings.properties");
        try {
            Files.writeString(file, "greeting=hello\nlimit=100\nmode=fast\n");
        } catch (IOException e) {
            throw new PluginException("cannot write " + file + ": " + e, e);
        }
        dataFile = file;
    }

    @Override
    public void stop(PluginContext context) {
    }

    @Override
    public HealthStatus health() {
        return HealthStatus.healthy("");
    }
}
