package ${package};

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The configuration of the {@code ${pluginName}} plugin, from {@code etc/${pluginName}.cfg}. Each method
 * is a key; bnd turns the annotations into the metatype description that tools and {@code gcommon:docs}
 * show.
 */
@ObjectClassDefinition(name = "${pluginName}", description = "Configuration of the ${pluginName} plugin, read from etc/${pluginName}.cfg")
public @interface ${className}Config {

    /** @return the remote endpoint, empty while not connected */
    @AttributeDefinition(name = "Endpoint URL", description = "The http or https URL of the remote service; empty: not connected. Declare its host in OSGI-INF/permissions.perm")
    String endpointUrl() default "";

    /** @return how long one call may take */
    @AttributeDefinition(name = "Timeout (ms)", description = "How long one call to the endpoint may take, in milliseconds", min = "1")
    int timeoutMillis() default 2000;
}
