package org.gcommon.plugin.manager.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Changes single entries of a {@code .cfg} (Java properties) file an administrator also edits by hand:
 * every comment, blank line and other entry stays as it was, byte for byte; only the lines of the
 * entries changed are rewritten. Entries may span lines with trailing backslashes, as in the shipped
 * grants file.
 */
final class PropertiesFileEditor {

    /** Lines of the file: a comment or blank line has no key; an entry's lines share its key. */
    private record Segment(String key, List<String> lines) {
    }

    private final List<Segment> segments;

    private PropertiesFileEditor(List<Segment> segments) {
        this.segments = segments;
    }

    /** @return the file's entries, empty when the file does not exist */
    static PropertiesFileEditor read(Path file) throws IOException {
        return parse(Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "");
    }

    static PropertiesFileEditor parse(String text) {
        List<Segment> out = new ArrayList<>();
        String[] lines = text.isEmpty() ? new String[0] : text.split("\r?\n", -1);
        int count = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            String line = lines[i];
            String trimmed = line.stripLeading();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                out.add(new Segment(null, List.of(line)));
                continue;
            }
            List<String> entry = new ArrayList<>(List.of(line));
            while (continues(lines[i]) && i + 1 < count) {
                entry.add(lines[++i]);
            }
            out.add(new Segment(keyOf(String.join("\n", entry)), entry));
        }
        return new PropertiesFileEditor(out);
    }

    /** @return the entries as Properties reads them, in file order */
    Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Segment s : segments) {
            if (s.key() != null) {
                Properties p = load(String.join("\n", s.lines()));
                out.put(s.key(), p.getProperty(s.key(), "").trim());
            }
        }
        return out;
    }

    /**
     * Sets an entry: replaces the lines of its first occurrence (dropping later duplicates, which
     * would win when read), or appends it at the end.
     *
     * @param values one value, or several written one per line and joined with ", "
     */
    void set(String key, List<String> values) {
        List<String> rendered = render(key, values);
        boolean done = false;
        for (int i = 0; i < segments.size(); i++) {
            if (key.equals(segments.get(i).key())) {
                if (done) {
                    segments.remove(i--);
                } else {
                    segments.set(i, new Segment(key, rendered));
                    done = true;
                }
            }
        }
        if (!done) {
            segments.add(new Segment(key, rendered));
        }
    }

    /** Removes every occurrence of an entry. */
    void remove(String key) {
        segments.removeIf(s -> key.equals(s.key()));
    }

    /** @return the file's text */
    String text() {
        StringBuilder out = new StringBuilder();
        for (Segment s : segments) {
            for (String line : s.lines()) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static List<String> render(String key, List<String> values) {
        String k = escape(key, true);
        if (values.size() == 1) {
            return List.of(k + " = " + escape(values.get(0), false));
        }
        List<String> out = new ArrayList<>();
        out.add(k + " = \\");
        for (int i = 0; i < values.size(); i++) {
            out.add("    " + escape(values.get(i), false) + (i < values.size() - 1 ? ", \\" : ""));
        }
        return out;
    }

    private static String escape(String text, boolean key) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '=', ':', ' ' -> out.append(key || (c == ' ' && i == 0) ? "\\" + c : String.valueOf(c));
            case '#', '!' -> out.append(i == 0 ? "\\" + c : String.valueOf(c));
            default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean continues(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static String keyOf(String entry) {
        Properties p = load(entry);
        return p.isEmpty() ? "" : p.stringPropertyNames().iterator().next();
    }

    private static Properties load(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            // a malformed entry keeps its lines untouched; it just has no readable key
        }
        return p;
    }
}
