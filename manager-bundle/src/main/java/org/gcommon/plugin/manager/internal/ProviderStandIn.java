package org.gcommon.plugin.manager.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.Function;

/**
 * Behind {@link org.gcommon.plugin.api.PluginRegistry#providerProxy(Class)}: each call goes to the
 * provider that is best at that moment, so a caller that keeps the stand-in follows failover.
 */
final class ProviderStandIn implements InvocationHandler {

    private final Class<?> type;
    private final Function<Class<?>, ManagedPlugin> chooser;

    ProviderStandIn(Class<?> type, Function<Class<?>, ManagedPlugin> chooser) {
        this.type = type;
        this.chooser = chooser;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            default:
                return "provider stand-in for " + type.getName();
            }
        }
        // A provider being withdrawn refuses new calls; choose again (the choice moves on at once).
        for (int attempt = 0; attempt < 100; attempt++) {
            ManagedPlugin chosen = chooser.apply(type);
            if (chosen == null) {
                break;
            }
            if (!chosen.enter()) {
                Thread.onSpinWait();
                continue;
            }
            try {
                return method.invoke(chosen.providerInstance(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                chosen.leave();
            }
        }
        throw new IllegalStateException("No active provider of " + type.getName()
                + ": deploy a plugin that provides it, or start a stopped one (see GET /api/plugins)");
    }
}
