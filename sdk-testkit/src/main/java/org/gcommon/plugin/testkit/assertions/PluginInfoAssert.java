package org.gcommon.plugin.testkit.assertions;

import org.assertj.core.api.AbstractAssert;
import org.gcommon.plugin.api.PluginInfo;
import org.gcommon.plugin.api.PluginState;
import org.gcommon.plugin.api.PluginType;

/** Assertions on a registry entry, {@link PluginInfo}. */
public final class PluginInfoAssert extends AbstractAssert<PluginInfoAssert, PluginInfo> {

    PluginInfoAssert(PluginInfo actual) {
        super(actual, PluginInfoAssert.class);
    }

    /**
     * @param expected the expected state
     * @return this
     */
    public PluginInfoAssert isIn(PluginState expected) {
        isNotNull();
        if (actual.state() != expected) {
            failWithMessage("Expected plugin '%s' to be %s but it is %s%s", actual.name(), expected, actual.state(),
                    describeError(actual));
        }
        return this;
    }

    /** @return this, when ACTIVE */
    public PluginInfoAssert isActive() {
        return isIn(PluginState.ACTIVE);
    }

    /**
     * @param expected the expected type
     * @return this
     */
    public PluginInfoAssert hasType(PluginType expected) {
        isNotNull();
        if (actual.type() != expected) {
            failWithMessage("Expected plugin '%s' to be of type %s but it is %s", actual.name(), expected, actual.type());
        }
        return this;
    }

    /**
     * @param fragment text the last error must contain
     * @return this
     */
    public PluginInfoAssert hasLastErrorContaining(String fragment) {
        isNotNull();
        String error = actual.lastError().orElse(null);
        if (error == null || !error.contains(fragment)) {
            failWithMessage("Expected the last error of plugin '%s' to contain '%s' but it is %s", actual.name(), fragment,
                    error == null ? "absent" : "'" + error + "'");
        }
        return this;
    }

    static String describeError(PluginInfo info) {
        return info.lastError().map(e -> " (last error: " + e + ")").orElse("")
                + (info.reasons().isEmpty() ? "" : " reasons: " + info.reasons());
    }
}
