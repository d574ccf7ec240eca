package org.gcommon.container.sandboxplugins.reflection;

import java.lang.reflect.Field;

import org.gcommon.container.sandboxplugins.probe.ProbeActivator;

/** Tries to break Java's access checks: makes a private field of the JDK accessible. */
public final class Activator extends ProbeActivator {

    public Activator() {
        super("sandbox-reflection", scope -> {
            Field value = String.class.getDeclaredField("value");
            value.setAccessible(true);
            return "String.value is accessible";
        });
    }
}
