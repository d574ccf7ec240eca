package org.gcommon.plugin.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginType;
import org.gcommon.plugin.api.extension.ExtensionPoint;
import org.gcommon.plugin.api.extension.Extensions;
import org.gcommon.plugin.api.extension.Extensions.PointInfo;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * A host declares an extension point as a service; extension plugins contribute to it; the
 * {@link Extensions} service lists the points with their contributors and hands the host the active
 * contributions by ranking.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExtensionPointIT extends GcommonTestSupport {

    private static final String FORMATTERS = "itest.formatters";

    @Inject
    private Extensions extensions;

    @Test
    public void hostSeesItsPointWithTheActiveContributionsByRankingUntilTheirPluginsStopOrFail() throws Exception {
        ServiceRegistration<?> point = declare(FORMATTERS, "Formats text for the itest host");
        ServiceRegistration<?> upper = registerPlugin(
                new FormatterPlugin("upper-formatter", FORMATTERS, text -> text.toUpperCase(Locale.ROOT)),
                Map.of(Constants.SERVICE_RANKING, 10));
        FormatterPlugin brackets = new FormatterPlugin("brackets-formatter", FORMATTERS, text -> "[" + text + "]");
        registerPlugin(brackets, Map.of(Constants.SERVICE_RANKING, 20));
        registerPlugin(new FormatterPlugin("lower-formatter", FORMATTERS, text -> text.toLowerCase(Locale.ROOT)));

        eventually().untilAsserted(() -> assertThat(pointNamed(FORMATTERS)).hasValueSatisfying(info -> {
            assertThat(info.description()).isEqualTo("Formats text for the itest host");
            assertThat(info.type()).isEqualTo(Formatter.class.getName());
            assertThat(info.contributors()).containsExactly("brackets-formatter", "upper-formatter", "lower-formatter");
        }));
        assertThat(formatted(FORMATTERS, "Hi")).as("contributions, highest ranking first").containsExactly("[Hi]", "HI",
                "hi");
        assertThat(extensions.extensions(FORMATTERS, Runnable.class)).as("contributions of another type").isEmpty();
        assertThat(registry.plugin("upper-formatter").map(PluginInfo::type)).contains(PluginType.EXTENSION);

        unregister(upper);

        assertThat(formatted(FORMATTERS, "Hi")).as("contributions once upper-formatter is unregistered")
                .containsExactly("[Hi]", "hi");
        assertThat(pointNamed(FORMATTERS).map(PointInfo::contributors)).contains(List.of("brackets-formatter",
                "lower-formatter"));

        // A new configuration restarts the plugin; this time its start() throws.
        brackets.throwingInStart("template file missing: set template in etc/brackets-formatter.cfg");
        configurePlugin("brackets-formatter", Map.of("template", "/nowhere"));
        awaitState("brackets-formatter", PluginState.FAILED);

        assertThat(formatted(FORMATTERS, "Hi")).as("contributions once brackets-formatter is FAILED")
                .containsExactly("hi");
        assertThat(pointNamed(FORMATTERS).map(PointInfo::contributors)).contains(List.of("lower-formatter"));

        unregister(point);
        assertThat(extensions.points()).as("points once the host withdrew its point")
                .noneSatisfy(info -> assertThat(info.name()).isEqualTo(FORMATTERS));
    }

    @Test
    public void contributionToAPointNotYetDeclaredIsKeptAndListedOnceTheHostDeclaresIt() {
        FormatterPlugin early = new FormatterPlugin("early-formatter", "itest.later", text -> "<" + text + ">");
        registerPlugin(early);
        awaitState("early-formatter", PluginState.ACTIVE);

        assertThat(pointNamed("itest.later")).as("a point nobody declared yet").isEmpty();
        assertThat(formatted("itest.later", "x")).as("contributions kept for the undeclared point")
                .containsExactly("<x>");

        declare("itest.later", "Declared after its first contribution");
        declare("itest.another", "Declared to check the listing order");

        assertThat(pointNamed("itest.later")).as("the point once declared").hasValueSatisfying(
                info -> assertThat(info.contributors()).containsExactly("early-formatter"));
        assertThat(extensions.points()).extracting(PointInfo::name).as("points, sorted by name").isSorted()
                .contains("itest.another", "itest.later");
        assertThat(early.methods()).as("lifecycle calls of the contributor: not restarted by the declaration")
                .containsExactly("initialize", "start");
    }

    /** Registers an extension point service for formatters, as a host would; it is withdrawn after the test. */
    private ServiceRegistration<?> declare(String name, String description) {
        return register(ExtensionPoint.class.getName(), new FormatterPoint(name, description), Map.of());
    }

    private Optional<PointInfo> pointNamed(String name) {
        return extensions.points().stream().filter(info -> info.name().equals(name)).findFirst();
    }

    private List<String> formatted(String point, String text) {
        return extensions.extensions(point, Formatter.class).stream().map(f -> f.format(text)).toList();
    }

    /** An extension point for {@link Formatter}s. */
    private record FormatterPoint(String name, String description) implements ExtensionPoint<Formatter> {

        @Override
        public Class<Formatter> type() {
            return Formatter.class;
        }
    }
}
