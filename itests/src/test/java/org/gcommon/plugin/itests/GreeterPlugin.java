package org.gcommon.plugin.itests;

import org.gcommon.plugin.api.ProviderPlugin;

/** A provider of {@link Greeter} whose greeting names the plugin and its version. */
public class GreeterPlugin extends RecordingPlugin implements ProviderPlugin<Greeter> {

    private final Greeter greeter;

    public GreeterPlugin(String name, String version) {
        super(name, version);
        this.greeter = () -> name + " " + version;
    }

    @Override
    public Class<Greeter> providerType() {
        return Greeter.class;
    }

    @Override
    public Greeter provider() {
        return greeter;
    }
}
