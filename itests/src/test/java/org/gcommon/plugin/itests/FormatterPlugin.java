package org.gcommon.plugin.itests;

import java.util.Objects;

import org.gcommon.plugin.api.extension.ExtensionPlugin;

/** An extension plugin that contributes a {@link Formatter} to a named extension point. */
public class FormatterPlugin extends RecordingPlugin implements ExtensionPlugin<Formatter> {

    private final String point;
    private final Formatter formatter;

    /**
     * @param name the plugin's name
     * @param point the extension point contributed to
     * @param formatter the contribution
     */
    public FormatterPlugin(String name, String point, Formatter formatter) {
        super(name);
        this.point = Objects.requireNonNull(point, "point");
        this.formatter = Objects.requireNonNull(formatter, "formatter");
    }

    @Override
    public String extensionPoint() {
        return point;
    }

    @Override
    public Class<Formatter> extensionType() {
        return Formatter.class;
    }

    @Override
    public Formatter extension() {
        return formatter;
    }
}
