package org.gcommon.container.sandboxplugins.allowed;

import java.nio.file.Files;
import java.nio.file.Path;

import org.gcommon.container.sandboxplugins.probe.ProbeActivator;
import org.gcommon.container.sandboxplugins.probe.ProbePlugin;

/**
 * Does what every plugin may do without any grant: write and read files in its own data area (through
 * the framework and through its plugin context), use imported packages, register its plugin service
 * (the activator does) and publish on its own topic. Publishes again on each health call, so that a
 * subscriber started later still receives one.
 */
public final class Activator extends ProbeActivator {

    public Activator() {
        super("sandbox-allowed", ProbePlugin.When.AT_START_AND_EACH_HEALTH_CALL, scope -> {
            Path bundleData = scope.bundleContext().getDataFile("written-by-bundle.txt").toPath();
            Files.writeString(bundleData, "bundle data");
            Path pluginData = scope.pluginContext().dataDirectory().resolve("written-by-plugin.txt");
            Files.writeString(pluginData, "plugin data");
            scope.pluginContext().events().publish("ping", "hello");
            return "read '" + Files.readString(bundleData) + "' and '" + Files.readString(pluginData)
                    + "' from its data area, published on " + scope.pluginContext().events().ownTopicPrefix() + "ping";
        });
    }
}
