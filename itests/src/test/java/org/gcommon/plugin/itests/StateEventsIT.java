package org.gcommon.plugin.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginStateEvent;
import org.gcommon.plugin.api.PluginStateListener;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/** Every state transition reaches PluginStateListener services in order, and EventAdmin on the state topics. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StateEventsIT extends GcommonTestSupport {

    private final List<PluginStateEvent> transitions = new CopyOnWriteArrayList<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Before
    public void listenToStateChanges() {
        register(PluginStateListener.class.getName(), (PluginStateListener) transitions::add, Map.of());
        register(EventHandler.class.getName(), (EventHandler) events::add,
                Map.of(EventConstants.EVENT_TOPIC, PluginConstants.TOPIC_STATE + "/*"));
        // Both are whiteboard services: a first plugin's ACTIVE state reaching them shows that they are in place.
        registerPlugin(new RecordingPlugin("warm-up-plugin"));
        eventually().untilAsserted(() -> {
            assertThat(statesOf("warm-up-plugin")).as("listener states of warm-up-plugin").contains(PluginState.ACTIVE);
            assertThat(topicsOf("warm-up-plugin")).as("EventAdmin topics of warm-up-plugin")
                    .contains(PluginConstants.TOPIC_STATE + "/ACTIVE");
        });
    }

    @Test
    public void listenersSeeEveryTransitionOfAPluginInOrder() {
        ServiceRegistration<?> registration = registerPlugin(new RecordingPlugin("observed-plugin", "1.2.3"));

        awaitState("observed-plugin", PluginState.ACTIVE);
        eventually().untilAsserted(() -> assertThat(withoutLeadingResolved(statesOf("observed-plugin")))
                .as("states of observed-plugin after registration").containsExactly(PluginState.INITIALIZED,
                        PluginState.STARTING, PluginState.ACTIVE));

        unregister(registration);

        eventually().untilAsserted(() -> assertThat(withoutLeadingResolved(statesOf("observed-plugin")))
                .as("states of observed-plugin after unregistration").containsExactly(PluginState.INITIALIZED,
                        PluginState.STARTING, PluginState.ACTIVE, PluginState.STOPPING, PluginState.STOPPED));
        List<PluginStateEvent> observed = transitionsOf("observed-plugin");
        assertThat(observed.get(0).from()).as("previous state of the first transition").isEmpty();
        for (int i = 1; i < observed.size(); i++) {
            assertThat(observed.get(i).from()).as("previous state of %s", observed.get(i))
                    .contains(observed.get(i - 1).to());
        }
        assertThat(observed).allSatisfy(event -> assertThat(event.version()).isEqualTo("1.2.3"));
    }

    @Test
    public void stateChangesArePublishedOnTheStateTopicsWithThePluginName() {
        ServiceRegistration<?> registration = registerPlugin(new RecordingPlugin("published-plugin", "2.0.0"));
        awaitState("published-plugin", PluginState.ACTIVE);
        unregister(registration);

        String prefix = PluginConstants.TOPIC_STATE + "/";
        // EventAdmin delivers posted events asynchronously, possibly from several threads: check what arrived, not the order.
        eventually().untilAsserted(() -> assertThat(topicsOf("published-plugin")).contains(prefix + "INITIALIZED",
                prefix + "STARTING", prefix + "ACTIVE", prefix + "STOPPING", prefix + "STOPPED"));
        for (Event event : eventsOf("published-plugin")) {
            assertThat(event.getTopic()).isEqualTo(prefix + event.getProperty(PluginConstants.EVENT_TO));
            assertThat(event.getProperty(PluginConstants.EVENT_PLUGIN_VERSION)).isEqualTo("2.0.0");
        }
    }

    @Test
    public void failureIsReportedWithItsReasonToListenersAndOnTheFailedTopic() {
        registerPlugin(new RecordingPlugin("broken-plugin").throwingInStart("port 8080 is taken: set port in etc/broken-plugin.cfg"));

        awaitState("broken-plugin", PluginState.FAILED);

        eventually().untilAsserted(() -> assertThat(transitionsOf("broken-plugin")).last().satisfies(event -> {
            assertThat(event.to()).isEqualTo(PluginState.FAILED);
            assertThat(event.from()).contains(PluginState.STARTING);
            assertThat(event.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("port 8080 is taken"));
        }));
        eventually().untilAsserted(() -> assertThat(eventsOf("broken-plugin"))
                .filteredOn(event -> event.getTopic().equals(PluginConstants.TOPIC_STATE + "/FAILED"))
                .singleElement().satisfies(event -> {
                    assertThat(event.getProperty(PluginConstants.EVENT_FROM)).isEqualTo("STARTING");
                    assertThat((String) event.getProperty(PluginConstants.EVENT_REASON)).contains("port 8080 is taken");
                }));
    }

    private List<PluginStateEvent> transitionsOf(String pluginName) {
        return transitions.stream().filter(e -> e.pluginName().equals(pluginName)).toList();
    }

    private List<PluginState> statesOf(String pluginName) {
        return transitionsOf(pluginName).stream().map(PluginStateEvent::to).toList();
    }

    /** The runtime may or may not report RESOLVED for a plugin whose bundle was already resolved. */
    private static List<PluginState> withoutLeadingResolved(List<PluginState> states) {
        return !states.isEmpty() && states.get(0) == PluginState.RESOLVED ? states.subList(1, states.size()) : states;
    }

    private List<Event> eventsOf(String pluginName) {
        return events.stream().filter(e -> pluginName.equals(e.getProperty(PluginConstants.EVENT_PLUGIN_NAME))).toList();
    }

    private List<String> topicsOf(String pluginName) {
        return eventsOf(pluginName).stream().map(Event::getTopic).toList();
    }
}
