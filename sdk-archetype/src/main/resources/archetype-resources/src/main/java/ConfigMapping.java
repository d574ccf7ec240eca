package ${package};

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.gcommon.plugin.api.PluginException;

/**
 * Reads the map that {@code initialize(config)} receives into the plugin's configuration interface (the
 * {@code @ObjectClassDefinition} that bnd also turns into the metatype description): each method is a key,
 * named as Declarative Services names them ({@code maxNameLength()} is key {@code maxNameLength},
 * {@code max_length()} is {@code max.length}), its {@code default} applies when the key is absent, and the
 * value is converted to the method's type. Values are strings from a {@code .cfg} file or numbers and
 * booleans from a {@code .json} file; both work.
 */
final class ConfigMapping {

    private static final char DOLLAR = 0x24;

    private ConfigMapping() {
    }

    /**
     * @param type the configuration interface
     * @param config what initialize() received
     * @param pluginName the plugin's name, for messages
     * @return the configuration
     * @throws PluginException naming the key, the value and the expected type, when a value does not fit
     */
    static <C> C read(Class<C> type, Map<String, Object> config, String pluginName) throws PluginException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Method method : type.getDeclaredMethods()) {
            String key = key(method.getName());
            Object raw = config.get(key);
            Object value;
            if (raw == null) {
                value = method.getDefaultValue();
                if (value == null) {
                    throw new PluginException("Configuration key '" + key + "' of plugin '" + pluginName
                            + "' is missing: set it in etc/" + pluginName + ".cfg");
                }
            } else {
                value = convert(raw, method.getReturnType(), key, pluginName);
            }
            values.put(method.getName(), value);
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (self, method, args) -> {
            switch (method.getName()) {
            case "toString":
                return type.getSimpleName() + values;
            case "hashCode":
                return values.hashCode();
            case "equals":
                return self == args[0];
            case "annotationType":
                return type;
            default:
                return values.get(method.getName());
            }
        });
        return type.cast(proxy);
    }

    /**
     * The Declarative Services rule for property names: an underscore is a dot, two underscores are one,
     * dollar-underscore-dollar is a dash, two dollar signs are one and a single dollar sign is left out.
     */
    static String key(String methodName) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < methodName.length(); i++) {
            char c = methodName.charAt(i);
            if (c == '_' && i + 1 < methodName.length() && methodName.charAt(i + 1) == '_') {
                key.append('_');
                i++;
            } else if (c == '_') {
                key.append('.');
            } else if (methodName.startsWith(DOLLAR + "_" + DOLLAR, i)) {
                key.append('-');
                i += 2;
            } else if (c == DOLLAR && i + 1 < methodName.length() && methodName.charAt(i + 1) == DOLLAR) {
                key.append(DOLLAR);
                i++;
            } else if (c != DOLLAR) {
                key.append(c);
            }
        }
        return key.toString();
    }

    private static Object convert(Object raw, Class<?> target, String key, String pluginName) throws PluginException {
        try {
            if (target.isArray()) {
                Object[] items = raw instanceof Collection<?> c ? c.toArray()
                        : raw.getClass().isArray() ? toObjects(raw) : raw.toString().split("\\s*,\\s*");
                Object array = Array.newInstance(target.getComponentType(), items.length);
                for (int i = 0; i < items.length; i++) {
                    Array.set(array, i, convert(items[i], target.getComponentType(), key, pluginName));
                }
                return array;
            }
            String text = raw.toString().strip();
            if (target == String.class) {
                return raw.toString();
            }
            if (target == int.class) {
                return raw instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : Integer.parseInt(text);
            }
            if (target == long.class) {
                return raw instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue() : Long.parseLong(text);
            }
            if (target == double.class) {
                return raw instanceof Number n ? n.doubleValue() : Double.parseDouble(text);
            }
            if (target == boolean.class) {
                if (raw instanceof Boolean b) {
                    return b;
                }
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(text);
                }
                throw new IllegalArgumentException("not true or false");
            }
            if (target.isEnum()) {
                for (Object constant : target.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
                        return constant;
                    }
                }
                throw new IllegalArgumentException("not one of the choices");
            }
        } catch (IllegalArgumentException e) {
            throw new PluginException("Configuration key '" + key + "' of plugin '" + pluginName + "' has the value '"
                    + raw + "', which is not " + describe(target) + ": fix it in etc/" + pluginName + ".cfg", e);
        }
        throw new PluginException("Configuration key '" + key + "' of plugin '" + pluginName + "' has the type "
                + target.getName() + ", which configuration files cannot give: use String, int, long, double, "
                + "boolean, an enum or an array of these");
    }

    private static Object[] toObjects(Object array) {
        Object[] items = new Object[Array.getLength(array)];
        for (int i = 0; i < items.length; i++) {
            items[i] = Array.get(array, i);
        }
        return items;
    }

    private static String describe(Class<?> target) {
        if (target == int.class || target == long.class) {
            return "a whole number";
        }
        if (target == double.class) {
            return "a number";
        }
        if (target == boolean.class) {
            return "true or false";
        }
        if (target.isEnum()) {
            StringBuilder choices = new StringBuilder();
            for (Object constant : target.getEnumConstants()) {
                choices.append(choices.length() == 0 ? "" : ", ").append(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
            }
            return "one of " + choices;
        }
        return "a " + target.getSimpleName();
    }

}
