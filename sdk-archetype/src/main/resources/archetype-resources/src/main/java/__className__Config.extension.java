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

    /** @return the prefix of the metric names */
    @AttributeDefinition(name = "Metric prefix", description = "The prefix of every metric name this plugin exports (letters, digits and '_')")
    String metricPrefix() default "${pluginName.replaceAll('[^A-Za-z0-9_]', '_')}";
}
