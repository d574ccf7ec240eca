package org.gcommon.plugin.maven.docs;

import java.util.List;

/** Writes GitHub-flavoured Markdown. */
final class MarkdownWriter implements DocWriter {

    private final StringBuilder out = new StringBuilder();

    @Override
    public void title(String text) {
        out.append("# ").append(inline(text)).append("\n\n");
    }

    @Override
    public void heading(String text) {
        out.append("## ").append(inline(text)).append("\n\n");
    }

    @Override
    public void paragraph(String text) {
        out.append(inline(text)).append("\n\n");
    }

    @Override
    public void table(List<String> headers, List<List<String>> rows) {
        out.append('|');
        headers.forEach(h -> out.append(' ').append(cell(h)).append(" |"));
        out.append("\n|");
        headers.forEach(h -> out.append("---|"));
        out.append('\n');
        for (List<String> row : rows) {
            out.append('|');
            row.forEach(c -> out.append(' ').append(cell(c)).append(" |"));
            out.append('\n');
        }
        out.append('\n');
    }

    @Override
    public String finish() {
        return out.toString();
    }

    private static String inline(String text) {
        return text == null ? "" : text.replace("\n", " ");
    }

    private static String cell(String text) {
        return inline(text).replace("|", "\\|");
    }
}
