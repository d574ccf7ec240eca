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

    /** @return the response header the middleware sets */
    @AttributeDefinition(name = "Header name", description = "The response header set on every response")
    String headerName() default "X-Served-By";

    /** @return the value of that header */
    @AttributeDefinition(name = "Header value", description = "The value of the header")
    String headerValue() default "${pluginName}";
}
