package org.gcommon.plugin.repository.internal;

import java.util.Map;

import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.resource.Capability;
import org.osgi.resource.Requirement;

/** Matches a requirement's {@code filter} directive against capability attributes, as the framework does. */
final class RequirementFilter {

    private RequirementFilter() {
    }

    /** @return whether the capability is in the requirement's namespace and satisfies its filter */
    static boolean matches(Requirement requirement, Capability capability) {
        return requirement.getNamespace().equals(capability.getNamespace())
                && matches(requirement, capability.getAttributes());
    }

    /** @return whether the attributes satisfy the requirement's filter (no filter: anything does) */
    static boolean matches(Requirement requirement, Map<String, ?> attributes) {
        String filter = requirement.getDirectives().get("filter");
        if (filter == null) {
            return true;
        }
        try {
            return FrameworkUtil.createFilter(filter).matches(attributes);
        } catch (InvalidSyntaxException e) {
            return false;
        }
    }
}
