package org.gcommon.plugin.api.extension;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The runtime's index of extension points and their contributions. Obtain it as an OSGi service. */
@ProviderType
public interface Extensions {

    /** A declared extension point and who contributes to it now. */
    interface PointInfo {
        /** @return the point's name */
        String name();

        /** @return the point's description */
        String description();

        /** @return the contribution type's name */
        String type();

        /** @return the names of the active plugins contributing, in order */
        List<String> contributors();
    }

    /** @return every declared extension point, sorted by name */
    List<PointInfo> points();

    /**
     * @param <T> the contribution type
     * @param point the point's name
     * @param type the contribution type; contributions of another type are left out
     * @return the active contributions, highest ranking first
     */
    <T> List<T> extensions(String point, Class<T> type);
}
