package org.gcommon.plugin.testkit.assertions;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import org.assertj.core.api.AbstractAssert;
import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.event.PluginEvent;
import org.gcommon.plugin.testkit.LogEntry;
import org.gcommon.plugin.testkit.TestedPlugin;

/**
 * Assertions on a plugin run by the harness. A failure says the plugin's state, last error and its
 * last log lines, which is usually the whole story.
 */
public final class TestedPluginAssert extends AbstractAssert<TestedPluginAssert, TestedPlugin<?>> {

    TestedPluginAssert(TestedPlugin<?> actual) {
        super(actual, TestedPluginAssert.class);
    }

    /**
     * @param expected the expected state
     * @return this
     */
    public TestedPluginAssert isIn(PluginState expected) {
        isNotNull();
        if (actual.state() != expected) {
            failWithMessage("Expected plugin '%s' to be %s but it is %s%s", actual.name(), expected, actual.state(),
                    story());
        }
        return this;
    }

    /** @return this, when {@link PluginState#ACTIVE} */
    public TestedPluginAssert isActive() {
        return isIn(PluginState.ACTIVE);
    }

    /** @return this, when {@link PluginState#FAILED} */
    public TestedPluginAssert isFailed() {
        return isIn(PluginState.FAILED);
    }

    /** @return this, when {@link PluginState#STOPPED} */
    public TestedPluginAssert isStopped() {
        return isIn(PluginState.STOPPED);
    }

    /**
     * @param fragment text the last error must contain, e.g. the configuration key that was wrong
     * @return this
     */
    public TestedPluginAssert hasLastErrorContaining(String fragment) {
        isNotNull();
        String error = actual.lastError().orElse(null);
        if (error == null || !error.contains(fragment)) {
            failWithMessage("Expected the last error of plugin '%s' to contain '%s' but it is %s%s", actual.name(),
                    fragment, error == null ? "absent" : "'" + error + "'", story());
        }
        return this;
    }

    /**
     * @param expected states the plugin went through, in this order (others may lie between them)
     * @return this
     */
    public TestedPluginAssert wentThrough(PluginState... expected) {
        isNotNull();
        List<PluginState> states = actual.states();
        int at = 0;
        for (PluginState s : states) {
            if (at < expected.length && s == expected[at]) {
                at++;
            }
        }
        if (at < expected.length) {
            failWithMessage("Expected plugin '%s' to go through %s but its states were %s%s", actual.name(),
                    Arrays.toString(expected), states, story());
        }
        return this;
    }

    /** @return this, when its health, as the container reports it, is HEALTHY */
    public TestedPluginAssert isHealthy() {
        return hasHealth(HealthStatus.Status.HEALTHY);
    }

    /**
     * @param expected the expected health status, as the container reports it
     * @return this
     */
    public TestedPluginAssert hasHealth(HealthStatus.Status expected) {
        isNotNull();
        HealthStatus health = actual.health();
        if (health.status() != expected) {
            failWithMessage("Expected plugin '%s' to be %s but its health is %s%s", actual.name(), expected, health,
                    story());
        }
        return this;
    }

    /**
     * @param fragment text the health message must contain
     * @return this
     */
    public TestedPluginAssert hasHealthMessageContaining(String fragment) {
        isNotNull();
        HealthStatus health = actual.health();
        if (!health.message().contains(fragment)) {
            failWithMessage("Expected the health message of plugin '%s' to contain '%s' but it is '%s'", actual.name(),
                    fragment, health.message());
        }
        return this;
    }

    /**
     * @param level {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}
     * @param fragment text a line of that level must contain
     * @return this
     */
    public TestedPluginAssert hasLogged(String level, String fragment) {
        isNotNull();
        boolean found = actual.logs().stream().anyMatch(e -> e.level().equals(level) && e.message().contains(fragment));
        if (!found) {
            failWithMessage("Expected plugin '%s' to log a %s line containing '%s' but it logged %s", actual.name(),
                    level, fragment, actual.logLines());
        }
        return this;
    }

    /**
     * @param relativeTopic a topic relative to the plugin's own prefix, e.g. {@code greeted}
     * @return this, when the plugin published at least one event on it
     */
    public TestedPluginAssert hasPublished(String relativeTopic) {
        isNotNull();
        List<PluginEvent> published = actual.published();
        String full = "gcommon/plugin/" + actual.name() + "/" + relativeTopic;
        if (published.stream().noneMatch(e -> e.topic().equals(full))) {
            failWithMessage("Expected plugin '%s' to publish on %s but it published on %s", actual.name(), full,
                    published.stream().map(PluginEvent::topic).distinct().collect(Collectors.toList()));
        }
        return this;
    }

    private String story() {
        StringBuilder b = new StringBuilder();
        actual.lastError().ifPresent(e -> b.append("\n  last error: ").append(e));
        List<LogEntry> logs = actual.logs();
        if (!logs.isEmpty()) {
            List<LogEntry> tail = logs.subList(Math.max(0, logs.size() - 5), logs.size());
            b.append("\n  last log lines:");
            for (LogEntry e : tail) {
                b.append("\n    ").append(e);
            }
        }
        b.append("\n  states: ").append(Collections.unmodifiableList(actual.states()));
        return b.toString();
    }
}
