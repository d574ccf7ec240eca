package org.gcommon.plugin.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;

import org.gcommon.plugin.api.PluginState;
import org.junit.jupiter.api.Test;

class ProviderStandInTest {

    interface Slow {
        String work();
    }

    private static ManagedPlugin provider(String name, Slow implementation) {
        TestPlugins.Scripted plugin = new TestPlugins.Scripted(name, "1.0.0");
        ManagedPlugin p = new ManagedPlugin(new ManagedPlugin.Origin(name.hashCode(), 1, "b", "1.0.0", "gcommon:x", 0),
                new SerialLane(ForkJoinPool.commonPool()), plugin);
        p.identify(name, "1.0.0");
        p.provides(Slow.class, implementation);
        p.moveTo(PluginState.ACTIVE, null, 1);
        return p;
    }

    @Test
    void withdrawingWaitsForCallsInsideTheProviderAndSendsNewCallsElsewhere() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ManagedPlugin first = provider("first", () -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "first";
        });
        ManagedPlugin second = provider("second", () -> "second");
        AtomicReference<ManagedPlugin> choice = new AtomicReference<>(first);
        Slow standIn = (Slow) Proxy.newProxyInstance(Slow.class.getClassLoader(), new Class<?>[] { Slow.class },
                new ProviderStandIn(Slow.class, t -> choice.get()));

        CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(standIn::work);
        inside.await();
        CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> first.withdrawAndDrain(Duration.ofSeconds(10)));
        await().until(first::withdrawn);
        choice.set(second);

        assertThat(standIn.work()).isEqualTo("second");
        assertThat(drained).isNotDone();
        release.countDown();
        assertThat(inFlight.get()).isEqualTo("first");
        drained.get();
    }

    @Test
    void noProviderNamesTheType() {
        Slow standIn = (Slow) Proxy.newProxyInstance(Slow.class.getClassLoader(), new Class<?>[] { Slow.class },
                new ProviderStandIn(Slow.class, t -> null));

        assertThatThrownBy(standIn::work).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No active provider of " + Slow.class.getName());
        assertThat(standIn.toString()).contains("stand-in");
    }
}
