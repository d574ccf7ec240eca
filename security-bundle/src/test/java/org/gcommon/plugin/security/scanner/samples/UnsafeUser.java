package org.gcommon.plugin.security.scanner.samples;

import java.lang.reflect.Field;

/** Reaches for sun.misc.Unsafe. */
public class UnsafeUser {

    public Object unsafe() throws ReflectiveOperationException {
        Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        return f.getName();
    }
}
