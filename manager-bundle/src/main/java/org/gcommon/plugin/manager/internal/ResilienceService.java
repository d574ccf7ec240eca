package org.gcommon.plugin.manager.internal;

import org.gcommon.plugin.api.integration.CircuitBreaker;
import org.gcommon.plugin.api.integration.Resilience;
import org.osgi.service.component.annotations.Component;

/** Hands out circuit breakers with retry, so integration plugins do not write their own. */
@Component
public final class ResilienceService implements Resilience {

    @Override
    public CircuitBreaker circuitBreaker(String name, Settings settings) {
        return new RetryingCircuitBreaker(name, settings, java.time.Clock.systemUTC(), RetryingCircuitBreaker::sleep);
    }
}
