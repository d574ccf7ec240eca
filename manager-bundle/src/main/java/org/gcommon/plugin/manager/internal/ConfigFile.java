package org.gcommon.plugin.manager.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.gcommon.plugin.api.PluginConstants;
import org.gcommon.plugin.api.PluginNames;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One configuration file of {@code etc/}: {@code <plugin-name>.cfg} (Java properties) or
 * {@code <plugin-name>.json} (a flat JSON object) → the plugin's configuration PID
 * {@code gcommon.plugin.<plugin-name>}. Files named after a runtime PID ({@code org.gcommon.*},
 * {@code org.osgi.*}, {@code org.apache.felix.*}, {@code org.ops4j.*} such as Pax URL's
 * {@code org.ops4j.pax.url.mvn}) configure that PID directly.
 */
final class ConfigFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RUNTIME_PREFIXES = List.of("org.gcommon.", "org.osgi.", "org.apache.felix.",
            "org.ops4j.");

    private ConfigFile() {
    }

    /** A file this class does not accept, with the reason and the fix. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    static boolean isConfigFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".cfg") || name.endsWith(".json");
    }

    /**
     * @param file an etc/ file
     * @return the PID it configures
     * @throws Invalid when the file name is neither a plugin name nor a runtime PID
     */
    static String pidOf(Path file) throws Invalid {
        String name = file.getFileName().toString();
        String base = name.substring(0, name.lastIndexOf('.'));
        for (String prefix : RUNTIME_PREFIXES) {
            if (base.startsWith(prefix)) {
                return base;
            }
        }
        if (!PluginNames.isValid(base)) {
            throw new Invalid("etc/" + name + " is not named after a plugin: '" + base + "' is not a valid plugin name "
                    + "(lower case letters, digits, '.', '-', '_'); rename it to <plugin-name>.cfg or <plugin-name>.json");
        }
        return PluginConstants.configPid(base);
    }

    /**
     * @param file a .cfg or .json file
     * @return its properties, in the types ConfigurationAdmin accepts
     * @throws Invalid naming the file, what is wrong and how to fix it
     */
    static Hashtable<String, Object> read(Path file) throws Invalid {
        return read(file, key -> null);
    }

    /**
     * As {@link #read(Path)}, replacing {@code ${name}} in string values with the framework or system
     * property of that name (as Felix FileInstall and Karaf do), e.g.
     * {@code url = http://127.0.0.1:${org.osgi.service.http.port}/hook}.
     *
     * @param properties looks up a property, {@code null} when unset
     */
    static Hashtable<String, Object> read(Path file, java.util.function.UnaryOperator<String> properties)
            throws Invalid {
        String name = file.getFileName().toString();
        Hashtable<String, Object> values;
        try {
            values = name.endsWith(".json") ? readJson(file) : readProperties(file);
        } catch (IOException e) {
            throw new Invalid("etc/" + name + " could not be read: " + TimedCalls.describe(e));
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getValue() instanceof String text && text.contains("${")) {
                e.setValue(substitute("etc/" + name, e.getKey(), text, properties));
            }
        }
        requireConfigAdminTakes("etc/" + name, values);
        return values;
    }

    /**
     * ConfigurationAdmin refuses an empty key, two keys that differ only in case, and a list of values of more
     * than one type; refused here, the error names where the settings came from (refused there, it names nothing
     * the administrator can find).
     *
     * @param source where the settings come from, e.g. {@code etc/memory-cache.json}
     * @throws Invalid naming the source, the key and the fix
     */
    static void requireConfigAdminTakes(String source, Map<String, ?> values) throws Invalid {
        Map<String, String> byLowerCase = new java.util.HashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty()) {
                throw new Invalid(source + " has a setting without a key; write key = value (or \"key\": value), "
                        + "or remove it");
            }
            String other = byLowerCase.put(key.toLowerCase(java.util.Locale.ROOT), key);
            if (other != null) {
                throw new Invalid(source + ": '" + other + "' and '" + key + "' differ only in case, and configuration "
                        + "keys are case-insensitive; keep one of them");
            }
            if (e.getValue() instanceof java.util.Collection<?> list && list.stream().map(ConfigFile::kind).distinct().count() > 1) {
                throw new Invalid(source + ": '" + key + "' mixes types in one list (" + list + "); a list holds only "
                        + "strings, only numbers or only booleans, e.g. [\"a\", \"b\"] or [1, 2]");
            }
        }
    }

    private static String kind(Object value) {
        return value instanceof Number ? "number" : value == null ? "null" : value.getClass().getName();
    }

    private static String substitute(String file, String key, String text, java.util.function.UnaryOperator<String> properties)
            throws Invalid {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (true) {
            int start = text.indexOf("${", from);
            if (start < 0) {
                return out.append(text, from, text.length()).toString();
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new Invalid(file + ": '" + key + "' has an unclosed ${ in '" + text + "'; write ${property.name}");
            }
            String variable = text.substring(start + 2, end);
            String value = properties.apply(variable);
            if (value == null) {
                throw new Invalid(file + ": '" + key + "' refers to ${" + variable + "}, which is not a framework or "
                        + "system property; set it in etc/config.properties or write the value itself");
            }
            out.append(text, from, start).append(value);
            from = end + 1;
        }
    }

    private static Hashtable<String, Object> readProperties(Path file) throws IOException, Invalid {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IllegalArgumentException | java.nio.charset.MalformedInputException e) {
            throw new Invalid("etc/" + file.getFileName() + " is not a valid properties file (" + e.getMessage()
                    + "); write one key=value per line, in UTF-8, with \\uXXXX escapes only where needed");
        }
        Hashtable<String, Object> out = new Hashtable<>();
        for (String key : props.stringPropertyNames()) {
            out.put(key.trim(), props.getProperty(key).trim());
        }
        return out;
    }

    private static Hashtable<String, Object> readJson(Path file) throws IOException, Invalid {
        String fileName = "etc/" + file.getFileName();
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new Invalid(fileName + " is not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (root == null || !root.isObject()) {
            throw new Invalid(fileName + " must hold one JSON object of settings, e.g. {\"ttl.seconds\": 60}");
        }
        Hashtable<String, Object> out = new Hashtable<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            out.put(field.getKey(), value(fileName, field.getKey(), field.getValue()));
        }
        return out;
    }

    private static Object value(String fileName, String key, JsonNode node) throws Invalid {
        if (node.isArray()) {
            List<Object> values = new ArrayList<>();
            boolean fractional = false;
            for (JsonNode element : node) {
                if (element.isContainerNode() || element.isNull()) {
                    throw new Invalid(fileName + ": '" + key + "' holds a nested value; a list may hold only strings, "
                            + "numbers and booleans");
                }
                fractional |= element.isNumber() && !(element.isIntegralNumber() && element.canConvertToLong());
                values.add(scalar(element));
            }
            if (fractional) {
                // [1, 2.5] means numbers: ConfigurationAdmin wants one type a list, so all of them as doubles
                values.replaceAll(v -> v instanceof Long l ? (Object) l.doubleValue() : v);
            }
            return values;
        }
        if (node.isObject() || node.isNull()) {
            throw new Invalid(fileName + ": '" + key + "' is " + (node.isNull() ? "null" : "an object")
                    + "; configuration values are strings, numbers, booleans or lists of them "
                    + "(flatten nested settings into dotted keys such as \"pool.size\")");
        }
        return scalar(node);
    }

    private static Object scalar(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }
}
