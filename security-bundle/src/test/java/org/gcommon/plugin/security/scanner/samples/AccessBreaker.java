package org.gcommon.plugin.security.scanner.samples;

import java.lang.reflect.Field;

/** Switches off access checks. */
public class AccessBreaker {

    public Object peek(Object target) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField("secret");
        f.setAccessible(true);
        return f.get(target);
    }
}
