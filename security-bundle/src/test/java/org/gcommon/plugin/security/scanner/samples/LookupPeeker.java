package org.gcommon.plugin.security.scanner.samples;

import java.lang.invoke.MethodHandles;

/** Reaches for java.lang.invoke internals. */
public class LookupPeeker {

    public MethodHandles.Lookup privateAccess() throws IllegalAccessException {
        return MethodHandles.privateLookupIn(String.class, MethodHandles.lookup());
    }

    public Object implLookup() throws ReflectiveOperationException {
        return MethodHandles.Lookup.class.getDeclaredField("IMPL_LOOKUP");
    }
}
