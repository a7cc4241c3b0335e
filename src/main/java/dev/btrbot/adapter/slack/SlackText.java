package dev.btrbot.adapter.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A slash command's text as the command core reads it. The manifest asks
 * Slack to escape what people pick from its menus ({@code should_escape}), so
 * a mention arrives as {@code <@U2CERLKJA|pierre>}, a channel as
 * {@code <#C0123ABCD|releases>} and a link as {@code <https://…|label>}; they
 * become the ids and the url. Slack always sends {@code &}, {@code <} and
 * {@code >} typed by a person as entities, so every other angle bracket is
 * Slack's; {@code <!here>} and the like are left as they came.
 */
final class SlackText {
    private static final Pattern ESCAPED = Pattern.compile("<([@#!]?)([^<>|\\s]+)(?:\\|[^<>]*)?>");

    private SlackText() {
    }

    static String commandText(String text) {
        if (text == null) {
            return "";
        }
        Matcher m = ESCAPED.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = "!".equals(m.group(1)) ? m.group() : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
