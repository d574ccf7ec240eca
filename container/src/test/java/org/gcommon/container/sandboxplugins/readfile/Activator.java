package org.gcommon.container.sandboxplugins.readfile;

import java.nio.file.Files;
import java.nio.file.Path;

import org.gcommon.container.sandboxplugins.probe.ProbeActivator;

/** Tries to read a file outside its data area: the path in etc/sandbox-read.cfg. */
public final class Activator extends ProbeActivator {

    public Activator() {
        super("sandbox-read", scope -> {
            byte[] content = Files.readAllBytes(Path.of(scope.setting("path")));
            return "read " + content.length + " bytes";
        });
    }
}
