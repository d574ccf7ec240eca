package org.gcommon.plugin.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.event.PluginEvent;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * Plugins talk over the event bus from their {@code PluginContext}: a plugin publishes under its own
 * topic namespace only, subscribers get the full topic, the publisher and the payload, subscriptions
 * end when the subscribing plugin stops, and plugin state changes can be subscribed to as well.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginEventsIT extends GcommonTestSupport {

    private static final String A_TOPICS = "gcommon/plugin/a/*";

    /** A typed payload; both plugins see the class because they share the package that defines it. */
    public record Greeting(String text, int times) {
    }

    @Test
    public void subscriberReceivesTheFullTopicThePublisherAndTheTypedPayload() {
        EventBusPlugin b = new EventBusPlugin("b", A_TOPICS);
        EventBusPlugin a = new EventBusPlugin("a");
        registerPlugin(b);
        registerPlugin(a);
        awaitState("b", PluginState.ACTIVE);
        awaitState("a", PluginState.ACTIVE);
        assertThat(a.bus().ownTopicPrefix()).isEqualTo("gcommon/plugin/a/");
        Instant before = Instant.now();

        a.bus().publish("greeting", new Greeting("hello", 3));

        eventually().untilAsserted(() -> assertThat(b.received()).singleElement().satisfies(event -> {
            assertThat(event.topic()).isEqualTo("gcommon/plugin/a/greeting");
            assertThat(event.publisher()).isEqualTo("a");
            assertThat(event.payload(Greeting.class)).contains(new Greeting("hello", 3));
            assertThat(event.payload(String.class)).as("the payload as another type").isEmpty();
            assertThat(event.time()).isBetween(before.minusSeconds(1), Instant.now());
        }));

        a.bus().publish("cache/evicted", Map.of("key", "user:42"));

        eventually().untilAsserted(() -> assertThat(b.received()).last().satisfies(event -> {
            assertThat(event.topic()).isEqualTo("gcommon/plugin/a/cache/evicted");
            assertThat(event.payload()).isEqualTo(Map.of("key", "user:42"));
        }));
    }

    @Test
    public void aPluginPublishesOnlyUnderItsOwnNamespace() {
        EventBusPlugin b = new EventBusPlugin("b", "gcommon/plugin/b/*");
        EventBusPlugin a = new EventBusPlugin("a");
        EventBusPlugin watcher = new EventBusPlugin("a-watcher", A_TOPICS);
        registerPlugin(b);
        registerPlugin(a);
        registerPlugin(watcher);
        awaitState("b", PluginState.ACTIVE);
        awaitState("a", PluginState.ACTIVE);
        awaitState("a-watcher", PluginState.ACTIVE);

        for (String outside : List.of("../b/x", "/gcommon/plugin/b/x", "b/../../b/x", "gcommon/plugin/b/*", "*", "")) {
            assertThatThrownBy(() -> a.bus().publish(outside, "sneaky")).as("publishing on '%s'", outside)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + outside + "'");
        }
        // An absolute-looking topic is still relative: it lands under a's own prefix.
        a.bus().publish("gcommon/plugin/b/x", "sneaky");
        eventually().untilAsserted(() -> assertThat(watcher.received()).singleElement().satisfies(event -> {
            assertThat(event.topic()).isEqualTo("gcommon/plugin/a/gcommon/plugin/b/x");
            assertThat(event.publisher()).isEqualTo("a");
        }));

        // b's own event shows its subscription works; nothing a published ever reached b's namespace.
        b.bus().publish("marker", "end");
        eventually().untilAsserted(() -> assertThat(b.receivedTopics()).contains("gcommon/plugin/b/marker"));
        assertThat(b.received()).as("events on b's namespace").singleElement()
                .satisfies(event -> assertThat(event.publisher()).isEqualTo("b"));
    }

    @Test
    public void subscriptionsEndWhenTheSubscribingPluginStops() throws Exception {
        EventBusPlugin a = new EventBusPlugin("a");
        EventBusPlugin b = new EventBusPlugin("b", A_TOPICS);
        EventBusPlugin restarted = new EventBusPlugin("restarted-subscriber", A_TOPICS);
        EventBusPlugin watcher = new EventBusPlugin("a-watcher", A_TOPICS);
        registerPlugin(a);
        ServiceRegistration<?> bRegistration = registerPlugin(b);
        registerPlugin(restarted);
        registerPlugin(watcher);
        for (String name : List.of("a", "b", "restarted-subscriber", "a-watcher")) {
            awaitState(name, PluginState.ACTIVE);
        }
        a.bus().publish("one", 1);
        eventually().untilAsserted(() -> assertThat(b.receivedTopics()).containsExactly("gcommon/plugin/a/one"));

        unregister(bRegistration);
        a.bus().publish("two", 2);

        eventually().untilAsserted(() -> assertThat(watcher.receivedTopics()).contains("gcommon/plugin/a/two"));
        assertThat(b.receivedTopics()).as("events received by b, stopped before 'two' was published")
                .containsExactly("gcommon/plugin/a/one");

        // A restart ends the old subscription; the new start subscribes once more: one delivery, not two.
        configurePlugin("restarted-subscriber", Map.of("revision", 2));
        eventually().untilAsserted(() -> {
            assertThat(restarted.methods()).as("lifecycle calls").endsWith("stop", "initialize", "start");
            assertThat(registry.plugin("restarted-subscriber").orElseThrow().state()).isEqualTo(PluginState.ACTIVE);
        });
        a.bus().publish("three", 3);
        a.bus().publish("four", 4);
        // EventAdmin delivers the events of one publishing thread in order: once "four" is in, every copy of "three" is.
        eventually().untilAsserted(() -> assertThat(restarted.receivedTopics()).contains("gcommon/plugin/a/four"));
        assertThat(restarted.receivedTopics()).as("events received by the restarted subscriber")
                .filteredOn(topic -> topic.equals("gcommon/plugin/a/three")).hasSize(1);
    }

    @Test
    public void aPluginSubscribedToTheStateTopicsSeesOtherPluginsChangeState() {
        EventBusPlugin observer = new EventBusPlugin("state-observer", PluginConstants.TOPIC_STATE + "/*");
        registerPlugin(observer);
        awaitState("state-observer", PluginState.ACTIVE);

        ServiceRegistration<?> observed = registerPlugin(new RecordingPlugin("observed"));
        awaitState("observed", PluginState.ACTIVE);
        unregister(observed);

        eventually().untilAsserted(() -> assertThat(eventsAbout(observer, "observed")).extracting(PluginEvent::topic)
                .contains(PluginConstants.TOPIC_STATE + "/ACTIVE", PluginConstants.TOPIC_STATE + "/STOPPED"));
        assertThatThrownBy(() -> observer.bus().subscribe("gcommon/plugin/**", event -> {
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gcommon/plugin/**");
    }

    private static List<PluginEvent> eventsAbout(EventBusPlugin subscriber, String pluginName) {
        return subscriber.received().stream().filter(event -> event.payload(Map.class)
                .map(properties -> pluginName.equals(properties.get(PluginConstants.EVENT_PLUGIN_NAME))).orElse(false))
                .toList();
    }
}
