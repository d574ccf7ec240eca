package org.gcommon.plugin.manager.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gcommon.plugin.api.extension.ExtensionPlugin;
import org.gcommon.plugin.api.extension.ExtensionPoint;
import org.gcommon.plugin.api.extension.Extensions;

/** Declared extension points (whiteboard) and the active contributions to them. */
final class ExtensionRuntime implements TypeRuntime, Extensions {

    /** One active contribution. */
    record Contribution(String plugin, String point, Class<?> type, int ranking, Object extension) {
    }

    private static final Comparator<Contribution> ORDER = Comparator.comparingInt(Contribution::ranking).reversed()
            .thenComparing(Contribution::plugin);

    private final List<ExtensionPoint<?>> points = new CopyOnWriteArrayList<>();
    private final Map<ManagedPlugin, Contribution> prepared = new ConcurrentHashMap<>();
    private final Map<ManagedPlugin, Contribution> active = new ConcurrentHashMap<>();

    void addPoint(ExtensionPoint<?> point) {
        points.add(point);
    }

    void removePoint(ExtensionPoint<?> point) {
        points.remove(point);
    }

    @Override
    public void prepare(ManagedPlugin plugin, PluginCalls calls) throws CallFailure {
        if (!(plugin.plugin() instanceof ExtensionPlugin<?> ep)) {
            return;
        }
        String point = calls.call("extensionPoint()", ep::extensionPoint);
        Class<?> type = calls.call("extensionType()", ep::extensionType);
        Object extension = calls.call("extension()", ep::extension);
        if (point == null || type == null || extension == null) {
            throw new CallFailure("Extension plugin '" + plugin.name() + "' must return a point name, a type and an "
                    + "extension (got point=" + point + ", type=" + type + ", extension=" + extension + ")", null);
        }
        if (!type.isInstance(extension)) {
            throw new CallFailure("Extension plugin '" + plugin.name() + "' contributes a " + extension.getClass().getName()
                    + " which is not a " + type.getName() + " as extensionType() says", null);
        }
        prepared.put(plugin, new Contribution(plugin.name(), point, type, plugin.origin.ranking(), extension));
    }

    @Override
    public void activated(ManagedPlugin plugin) {
        Contribution c = prepared.remove(plugin);
        if (c != null) {
            active.put(plugin, c);
        }
    }

    @Override
    public void deactivating(ManagedPlugin plugin) {
        prepared.remove(plugin);
        active.remove(plugin);
    }

    @Override
    public List<PointInfo> points() {
        List<PointInfo> out = new ArrayList<>();
        for (ExtensionPoint<?> p : points) {
            String name = p.name();
            out.add(new Point(name, p.description(), p.type().getName(), contributions(name).stream()
                    .map(Contribution::plugin).toList()));
        }
        out.sort(Comparator.comparing(PointInfo::name));
        return out;
    }

    @Override
    public <T> List<T> extensions(String point, Class<T> type) {
        return contributions(point).stream().filter(c -> type.isInstance(c.extension())).map(c -> type.cast(c.extension()))
                .toList();
    }

    private List<Contribution> contributions(String point) {
        return active.values().stream().filter(c -> c.point().equals(point)).sorted(ORDER).toList();
    }

    private record Point(String name, String description, String type, List<String> contributors) implements PointInfo {
    }
}
