package org.gcommon.sample.greeting.text;

import java.util.Objects;

/** Formats greetings from a template with a {@code {name}} placeholder. */
public final class Greetings {

    /** The template used when none is configured. */
    public static final String DEFAULT_TEMPLATE = "Hello, {name}!";

    private Greetings() {
    }

    /**
     * @param template a text with {@code {name}} where the name goes
     * @param name     who is greeted
     * @return the greeting
     * @throws IllegalArgumentException when the template has no {@code {name}} placeholder
     */
    public static String format(String template, String name) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(name, "name");
        if (!template.contains("{name}")) {
            throw new IllegalArgumentException("greeting template '" + template
                    + "' has no {name} placeholder; write e.g. 'Hello, {name}!'");
        }
        return template.replace("{name}", name);
    }
}
