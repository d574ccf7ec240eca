package org.gcommon.container.sandboxplugins.writefile;

import java.nio.file.Files;
import java.nio.file.Path;

import org.gcommon.container.sandboxplugins.probe.ProbeActivator;

/** Tries to write a file outside its data area: the path in etc/sandbox-write.cfg. */
public final class Activator extends ProbeActivator {

    public Activator() {
        super("sandbox-write", scope -> {
            Files.writeString(Path.of(scope.setting("path")), "written by a plugin");
            return "wrote " + scope.setting("path");
        });
    }
}
