package org.gcommon.container.sandboxplugins.libraries;

import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.commons.lang3.StringUtils;
import org.gcommon.container.sandboxplugins.probe.ProbeActivator;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableList;

/**
 * Uses commons-lang3, Jackson and Guava, each deployed as a plugin of its own, and tells what each
 * answered. Each use is tried on its own, so that one failing library does not hide the others.
 */
public final class Activator extends ProbeActivator {

    public Activator() {
        super("sandbox-libraries", scope -> {
            // Jackson makes even public members accessible unless told not to; the sandbox refuses that
            // (suppressAccessChecks) to plugins, so a plugin binds its beans through their public API only.
            ObjectMapper mapper = JsonMapper.builder().disable(MapperFeature.CAN_OVERRIDE_ACCESS_MODIFIERS).build();
            return String.join("; ",
                    use("commons-lang3", () -> StringUtils.abbreviate(StringUtils.capitalize("sandboxed plugins"), 12)),
                    use("jackson", () -> mapper.version().toString()),
                    use("jackson map", () -> mapper.readValue(mapper.writeValueAsString(Map.of("answer", 42)), Map.class)
                            .toString()),
                    use("jackson pojo", () -> {
                        Point point = mapper.readValue(mapper.writeValueAsString(new Point(3, 4)), Point.class);
                        return point.getX() + "," + point.getY();
                    }),
                    use("guava", () -> Joiner.on('+').join(ImmutableList.of("a", "b", "c"))));
        });
    }

    private static String use(String library, Callable<String> call) {
        try {
            return library + "=" + call.call();
        } catch (Exception | LinkageError e) {
            return library + " failed: " + e;
        }
    }
}
