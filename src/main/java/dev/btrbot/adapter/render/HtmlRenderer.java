package dev.btrbot.adapter.render;

import dev.btrbot.core.Reply;

/** Renders a reply as an HTML fragment; every piece of text is escaped. */
public final class HtmlRenderer {
    private HtmlRenderer() {
    }

    public static String render(Reply reply) {
        if (reply.json() != null) {
            return "<pre>" + escape(reply.json()) + "</pre>";
        }
        StringBuilder html = new StringBuilder();
        html.append(reply.isError() ? "<p class=\"error\"><strong>" : "<p><strong>").append(escape(reply.title()))
                .append("</strong></p>\n");
        for (Reply.Section section : reply.sections()) {
            if (!section.heading().isEmpty()) {
                html.append("<p><em>").append(escape(section.heading())).append("</em></p>\n");
            }
            html.append("<ul>\n");
            for (String line : section.lines()) {
                String item = line.startsWith("• ") ? line.substring(2) : line;    // the list has its own bullets
                html.append("<li>").append(escape(item)).append("</li>\n");    // one line: Reply keeps breaks out of lines
            }
            html.append("</ul>\n");
        }
        return html.toString();
    }

    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
