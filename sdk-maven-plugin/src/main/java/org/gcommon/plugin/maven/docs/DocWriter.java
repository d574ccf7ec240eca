package org.gcommon.plugin.maven.docs;

import java.util.List;

/** The few things a plugin's documentation is made of, written as Markdown or as HTML. */
interface DocWriter {

    void title(String text);

    void heading(String text);

    void paragraph(String text);

    /**
     * @param headers column titles
     * @param rows cells, as many as headers per row; a cell may be empty
     */
    void table(List<String> headers, List<List<String>> rows);

    /** @return the document */
    String finish();
}
