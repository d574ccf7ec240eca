package org.gcommon.plugin.testkit.assertions;

import java.util.Objects;

import org.assertj.core.api.AbstractAssert;
import org.gcommon.plugin.api.HealthStatus;

/** Assertions on a {@link HealthStatus}. */
public final class HealthStatusAssert extends AbstractAssert<HealthStatusAssert, HealthStatus> {

    HealthStatusAssert(HealthStatus actual) {
        super(actual, HealthStatusAssert.class);
    }

    /** @return this, when the status is HEALTHY */
    public HealthStatusAssert isHealthy() {
        return hasStatus(HealthStatus.Status.HEALTHY);
    }

    /** @return this, when the status is DEGRADED */
    public HealthStatusAssert isDegraded() {
        return hasStatus(HealthStatus.Status.DEGRADED);
    }

    /** @return this, when the status is UNHEALTHY */
    public HealthStatusAssert isUnhealthy() {
        return hasStatus(HealthStatus.Status.UNHEALTHY);
    }

    /** @return this, when the status is UNKNOWN */
    public HealthStatusAssert isUnknown() {
        return hasStatus(HealthStatus.Status.UNKNOWN);
    }

    /**
     * @param expected the expected status
     * @return this
     */
    public HealthStatusAssert hasStatus(HealthStatus.Status expected) {
        isNotNull();
        if (actual.status() != expected) {
            failWithMessage("Expected health %s but was %s", expected, actual);
        }
        return this;
    }

    /**
     * @param fragment text the message must contain
     * @return this
     */
    public HealthStatusAssert hasMessageContaining(String fragment) {
        isNotNull();
        if (!actual.message().contains(fragment)) {
            failWithMessage("Expected the health message to contain '%s' but it is '%s'", fragment, actual.message());
        }
        return this;
    }

    /**
     * @param key a detail name
     * @param value its expected value (compared with equals, so mind Integer against Long)
     * @return this
     */
    public HealthStatusAssert hasDetail(String key, Object value) {
        isNotNull();
        if (!actual.details().containsKey(key)) {
            failWithMessage("Expected the health detail '%s' but the details are %s", key, actual.details());
        }
        Object found = actual.details().get(key);
        if (!Objects.equals(found, value)) {
            failWithMessage("Expected the health detail '%s' to be %s (%s) but it is %s (%s)", key, value,
                    value == null ? "null" : value.getClass().getSimpleName(), found,
                    found == null ? "null" : found.getClass().getSimpleName());
        }
        return this;
    }

    /**
     * @param key a detail name
     * @return this, when the details have the key
     */
    public HealthStatusAssert hasDetailKey(String key) {
        isNotNull();
        if (!actual.details().containsKey(key)) {
            failWithMessage("Expected the health detail '%s' but the details are %s", key, actual.details());
        }
        return this;
    }
}
