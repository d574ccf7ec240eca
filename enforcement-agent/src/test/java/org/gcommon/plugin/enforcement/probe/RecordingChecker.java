package org.gcommon.plugin.enforcement.probe;

import java.security.Permission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gcommon.plugin.enforcement.hook.Checker;

/**
 * A checker that writes down what it is asked, refuses the permissions it is told to (by their
 * {@code toString()}), and grants everything else.
 */
final class RecordingChecker implements Checker {

    static final String PLUGIN = "probe-plugin";

    final List<String> asked = new CopyOnWriteArrayList<>();
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    volatile boolean refuseThreads;

    @Override
    public Object pluginOf(ClassLoader loader) {
        return loader instanceof PluginLoader ? PLUGIN : null;
    }

    @Override
    public String deny(Object plugin, Permission permission) {
        asked.add(plugin + " " + permission);
        return refused.contains(permission.toString()) ? message(plugin, permission) : null;
    }

    static String message(Object plugin, Permission permission) {
        return "Plugin " + plugin + " was denied " + permission + " by the probe's checker";
    }

    @Override
    public String admitThread(Object plugin, Thread thread) {
        asked.add(plugin + " thread");
        return refuseThreads ? "Plugin " + plugin + " may start no more threads" : null;
    }

    @Override
    public boolean bundleHolds(Object bundle, Permission permission) {
        return true;
    }

    /** @return how many times it was asked about exactly this */
    long times(String question) {
        return asked.stream().filter(question::equals).count();
    }
}
