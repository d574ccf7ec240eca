package org.gcommon.plugin.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginType;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/** PluginRegistry.provider picks the best active provider: highest ranking, then highest version, within a range. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProviderSelectionIT extends GcommonTestSupport {

    @Test
    public void higherServiceRankingWinsOverHigherVersion() {
        registerPlugin(new GreeterPlugin("ranked-greeter", "1.0.0"), Map.of(Constants.SERVICE_RANKING, 10));
        registerPlugin(new GreeterPlugin("newer-greeter", "2.0.0"), Map.of(Constants.SERVICE_RANKING, 0));

        PluginInfo ranked = awaitState("ranked-greeter", PluginState.ACTIVE);
        awaitState("newer-greeter", PluginState.ACTIVE);

        assertThat(registry.provider(Greeter.class)).map(Greeter::greeting).contains("ranked-greeter 1.0.0");
        assertThat(ranked.type()).isEqualTo(PluginType.PROVIDER);
        assertThat(ranked.providerType()).contains(Greeter.class.getName());
        assertThat(ranked.ranking()).isEqualTo(10);
    }

    @Test
    public void equalRankingPicksTheHigherVersionAndVersionRangesFilter() {
        registerPlugin(new GreeterPlugin("old-greeter", "1.4.0"));
        registerPlugin(new GreeterPlugin("new-greeter", "2.1.0"));
        awaitState("old-greeter", PluginState.ACTIVE);
        awaitState("new-greeter", PluginState.ACTIVE);

        assertThat(registry.provider(Greeter.class)).map(Greeter::greeting).contains("new-greeter 2.1.0");
        assertThat(registry.provider(Greeter.class, "[1.0,2.0)")).map(Greeter::greeting).contains("old-greeter 1.4.0");
        assertThat(registry.provider(Greeter.class, "2.0")).map(Greeter::greeting).contains("new-greeter 2.1.0");
        assertThat(registry.provider(Greeter.class, "[3.0,4.0)")).isEmpty();
        assertThatThrownBy(() -> registry.provider(Greeter.class, "not a range"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a range");
    }

    @Test
    public void whenThePreferredProviderIsUnregisteredTheOtherIsReturned() {
        ServiceRegistration<?> primary = registerPlugin(new GreeterPlugin("primary-greeter", "1.0.0"),
                Map.of(Constants.SERVICE_RANKING, 5));
        registerPlugin(new GreeterPlugin("backup-greeter", "1.0.0"), Map.of(Constants.SERVICE_RANKING, 1));
        awaitState("primary-greeter", PluginState.ACTIVE);
        awaitState("backup-greeter", PluginState.ACTIVE);
        assertThat(registry.provider(Greeter.class)).map(Greeter::greeting).contains("primary-greeter 1.0.0");

        unregister(primary);

        assertThat(registry.provider(Greeter.class)).as("provider right after the preferred one was unregistered")
                .map(Greeter::greeting).contains("backup-greeter 1.0.0");
        assertThat(registry.plugin("primary-greeter").map(PluginInfo::state)).as("state of the unregistered provider")
                .isNotEqualTo(Optional.of(PluginState.ACTIVE));
    }

    @Test
    public void noProviderOfATypeNobodyProvides() {
        assertThat(registry.provider(Runnable.class)).isEmpty();
    }
}
