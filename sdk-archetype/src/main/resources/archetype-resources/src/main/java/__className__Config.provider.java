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

    /** @return what the greeting starts with */
    @AttributeDefinition(name = "Greeting", description = "What each greeting starts with")
    String greeting() default "Hello";

    /** @return the longest name greeted */
    @AttributeDefinition(name = "Longest name", description = "Names longer than this many characters are refused", min = "1")
    int maxNameLength() default 64;
}
