package org.gcommon.plugin.itests;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.gcommon.plugin.api.HealthStatus;
import org.gcommon.plugin.api.Plugin;
import org.gcommon.plugin.api.PluginContext;
import org.gcommon.plugin.api.PluginException;

/**
 * A test plugin that records every lifecycle call the runtime makes, with what it was given, and can
 * be told to misbehave: throw in {@code start}, hang in {@code start}, or hang in {@code health}.
 * Hanging calls wait until {@link #release()} (called after each test) or until interrupted.
 */
public class RecordingPlugin implements Plugin {

    /** One lifecycle call: the method name and, for {@code initialize}, the configuration given. */
    public record Call(String method, Map<String, Object> config) {
        @Override
        public String toString() {
            return config == null ? method : method + config;
        }
    }

    private enum Misbehaviour { NONE, THROW_IN_START, HANG_IN_START, HANG_IN_HEALTH }

    private final String name;
    private final String version;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final AtomicReference<PluginContext> startContext = new AtomicReference<>();
    private final AtomicInteger healthCalls = new AtomicInteger();
    private volatile Misbehaviour misbehaviour = Misbehaviour.NONE;
    private volatile String startError;

    /** A well-behaved plugin of version 1.0.0. */
    public RecordingPlugin(String name) {
        this(name, "1.0.0");
    }

    public RecordingPlugin(String name, String version) {
        this.name = name;
        this.version = Objects.requireNonNull(version, "version");
    }

    /** @return this plugin, made to throw a {@link PluginException} with the message from {@code start} */
    public RecordingPlugin throwingInStart(String message) {
        misbehaviour = Misbehaviour.THROW_IN_START;
        startError = message;
        return this;
    }

    /** @return this plugin, made to block in {@code start} until interrupted or released */
    public RecordingPlugin hangingInStart() {
        misbehaviour = Misbehaviour.HANG_IN_START;
        return this;
    }

    /** @return this plugin, made to block in {@code health} until released */
    public RecordingPlugin hangingInHealth() {
        misbehaviour = Misbehaviour.HANG_IN_HEALTH;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public void initialize(Map<String, Object> config) throws PluginException {
        calls.add(new Call("initialize", Map.copyOf(config)));
    }

    @Override
    public void start(PluginContext context) throws PluginException {
        calls.add(new Call("start", null));
        startContext.set(context);
        switch (misbehaviour) {
        case THROW_IN_START:
            throw new PluginException(startError);
        case HANG_IN_START:
            awaitRelease();
            break;
        default:
            break;
        }
    }

    @Override
    public void stop(PluginContext context) throws PluginException {
        calls.add(new Call("stop", null));
    }

    @Override
    public HealthStatus health() {
        healthCalls.incrementAndGet();
        if (misbehaviour == Misbehaviour.HANG_IN_HEALTH) {
            awaitRelease();
        }
        return HealthStatus.healthy(name + " is fine");
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            interrupted.set(true);
            Thread.currentThread().interrupt();
        }
    }

    /** Lets hanging calls return. */
    public void release() {
        released.countDown();
    }

    /** @return the lifecycle calls so far, in order */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** @return the names of the lifecycle methods called so far, in order */
    public List<String> methods() {
        return calls.stream().map(Call::method).toList();
    }

    /** @return the configurations given to {@code initialize}, in order */
    public List<Map<String, Object>> configurations() {
        return calls.stream().filter(c -> c.config() != null).map(Call::config).toList();
    }

    /** @return whether a hanging call saw its thread interrupted */
    public boolean wasInterrupted() {
        return interrupted.get();
    }

    /** @return the context of the latest {@code start} call, or {@code null} before the first */
    public PluginContext startContext() {
        return startContext.get();
    }

    /** @return how often {@code health} was called */
    public int healthCalls() {
        return healthCalls.get();
    }

    @Override
    public String toString() {
        return "plugin '" + name + "' " + version;
    }
}
