package org.gcommon.plugin.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.felix.cm.impl.CaseInsensitiveDictionary;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The etc/ configuration parser fed malformed input (property-based): whatever a {@code .cfg} or
 * {@code .json} file holds, {@link ConfigFile#read} either refuses it with {@link ConfigFile.Invalid}
 * naming the file, or returns properties that ConfigurationAdmin accepts as they are (checked with Felix
 * ConfigAdmin's own dictionary: non-empty keys, no two keys differing only in case, supported value types,
 * lists of one type). Anything else would pass the parser and fail later, where the file is no longer named.
 */
class ConfigFileFuzzTest {

    private static Path etc;

    @BeforeContainer
    static void folder() throws IOException {
        etc = Files.createTempDirectory("config-fuzz");
    }

    @AfterContainer
    static void clean() throws IOException {
        try (var files = Files.list(etc)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(etc);
    }

    @Property(tries = 500)
    void anyBytesInACfgFileAreRefusedByNameOrAcceptedByConfigAdmin(@ForAll @Size(max = 400) byte[] content) throws Exception {
        checkReadOf(Files.write(etc.resolve("fuzz.cfg"), content));
    }

    @Property(tries = 500)
    void propertiesLikeTextIsRefusedByNameOrAcceptedByConfigAdmin(@ForAll("propertiesText") String content) throws Exception {
        checkReadOf(Files.write(etc.resolve("fuzz.cfg"), content.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 500)
    void jsonLikeTextIsRefusedByNameOrAcceptedByConfigAdmin(@ForAll("jsonText") String content) throws Exception {
        checkReadOf(Files.write(etc.resolve("fuzz.json"), content.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 200)
    void whatIsWrittenAsPropertiesReadsBackTheSame(@ForAll("settings") Map<String, String> settings) throws Exception {
        Properties props = new Properties();
        props.putAll(settings);
        StringWriter text = new StringWriter();
        props.store(text, "written by the test");
        Path file = Files.writeString(etc.resolve("roundtrip.cfg"), text.toString(), StandardCharsets.UTF_8);

        assertThat(ConfigFile.read(file)).isEqualTo(settings);
    }

    private static void checkReadOf(Path file) {
        Hashtable<String, Object> read;
        try {
            read = ConfigFile.read(file);
        } catch (ConfigFile.Invalid refused) {
            assertThat(refused.getMessage()).contains("etc/" + file.getFileName());
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("reading " + file.getFileName() + " threw " + e + " instead of naming the problem", e);
        }
        assertThatCode(() -> new CaseInsensitiveDictionary(read)).as("ConfigurationAdmin takes %s", read).doesNotThrowAnyException();
    }

    @Provide
    Arbitrary<String> propertiesText() {
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of("", " ", "a", "A", "key", "KEY", "Key", "x.y", "\\u0041", "\\",
                "#", "!", "=", ":"), Arbitraries.strings().all().ofMaxLength(8));
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("", "1", "\\u12", "\\uZZZZ", "${", "${x", "${java.version}",
                "\\", " spaced "), Arbitraries.strings().all().ofMaxLength(12));
        Arbitrary<String> separator = Arbitraries.of("=", ":", " ", " = ", "\t");
        Arbitrary<String> line = net.jqwik.api.Combinators.combine(key, separator, value).as((k, s, v) -> k + s + v);
        return line.list().ofMaxSize(6).map(lines -> String.join(List.of("\n", "\r\n", "\\\n").get(lines.size() % 3), lines));
    }

    @Provide
    Arbitrary<String> jsonText() {
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of("", "a", "A", "key", "KEY", "x.y", "\\u0000", "\\ud800"),
                Arbitraries.strings().alpha().ofMaxLength(4));
        Arbitrary<String> scalar = Arbitraries.of("1", "-0", "1.5", "1e400", "123456789012345678901234567890", "true", "false",
                "null", "\"s\"", "\"\"", "\"${x}\"", "\"${java.version}\"");
        Arbitrary<String> list = scalar.list().ofMaxSize(4).map(items -> "[" + String.join(", ", items) + "]");
        Arbitrary<String> value = Arbitraries.oneOf(scalar, list, Arbitraries.of("{}", "{\"n\": 1}", "[[1]]", "[{}]", "["));
        Arbitrary<String> member = net.jqwik.api.Combinators.combine(key, value).as((k, v) -> "\"" + k + "\": " + v);
        Arbitrary<String> object = member.list().ofMaxSize(5).map(members -> "{" + String.join(", ", members) + "}");
        return Arbitraries.oneOf(object, object.map(o -> o.substring(0, o.length() / 2)), Arbitraries.of("", "[]", "null", "1",
                "\"x\"", "{", "}", "{\"a\": 1}{\"b\": 2}"), Arbitraries.strings().all().ofMaxLength(60));
    }

    @Provide
    Arbitrary<Map<String, String>> settings() {
        Arbitrary<String> key = Arbitraries.strings().withCharRange('a', 'z').withChars('.', '-', '_').ofMinLength(1).ofMaxLength(12)
                .filter(k -> Character.isLetter(k.charAt(0)));
        // read values are trimmed (String.trim), and ${…} is a reference: neither round-trips by design
        Arbitrary<String> value = Arbitraries.strings().all().ofMaxLength(20).map(String::trim)
                .filter(v -> !v.contains("${") && StandardCharsets.UTF_8.newEncoder().canEncode(v));
        return Arbitraries.maps(key, value).ofMaxSize(8);
    }
}
