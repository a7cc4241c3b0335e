package dev.btrbot.adapter.render;

import dev.btrbot.core.Reply;

/** Renders a reply as plain text: for the console, and as the plain body other platforms send beside rich text. */
public final class TextRenderer {
    private TextRenderer() {
    }

    public static String render(Reply reply) {
        if (reply.json() != null) {
            return reply.json();
        }
        StringBuilder out = new StringBuilder();
        out.append(reply.isError() ? "error: " : "").append(reply.title()).append('\n');
        for (Reply.Section section : reply.sections()) {
            String indent = "  ";
            if (!section.heading().isEmpty()) {
                out.append("  ").append(section.heading()).append(":\n");
                indent = "    ";
            }
            for (String line : section.lines()) {
                out.append(indent).append(line).append('\n');    // one line: Reply keeps breaks out of lines
            }
        }
        if (!reply.actions().isEmpty()) {
            out.append("  actions:\n");
            for (Reply.Action action : reply.actions()) {
                out.append("    [").append(action.label()).append("] ").append(action.command()).append('\n');
            }
        }
        return out.toString();
    }
}
