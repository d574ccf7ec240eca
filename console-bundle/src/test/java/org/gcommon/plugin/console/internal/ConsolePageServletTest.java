package org.gcommon.plugin.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsolePageServletTest {

    @Test
    void theFolderItselfIsThePage() {
        assertThat(ConsolePageServlet.fileName("/")).contains("index.html");
    }

    @Test
    void aFileOfTheFolderIsServedByItsName() {
        assertThat(ConsolePageServlet.fileName("/console.js")).contains("console.js");
        assertThat(ConsolePageServlet.fileName("/console.css")).contains("console.css");
        assertThat(ConsolePageServlet.fileName("/index.html")).contains("index.html");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/../console.js", "/..", "/./index.html", "/sub/index.html", "//etc/passwd",
            "/..%2fMETA-INF/MANIFEST.MF", "/%2e%2e/x.js", "/.hidden.js", "/index.html/", "/index.html;x",
            "/index.html%00.js", "/INDEX.HTML", "/console.class", "/\\..\\x.js", "/META-INF/MANIFEST.MF", "" })
    void nothingOutsideTheFolderNorAnUnknownKindIsNamed(String pathInfo) {
        assertThat(ConsolePageServlet.fileName(pathInfo)).isEmpty();
    }

    @Test
    void noPathNamesNothing() {
        assertThat(ConsolePageServlet.fileName(null)).isEmpty();
    }
}
