package dev.btrbot.adapter.discourse;

import dev.btrbot.domain.ForumPost;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A post's text as chat may show it: no HTML ever reaches chat. Discourse's {@code cooked} HTML loses its tags (the
 * text of scripts, styles and quoted replies with them), its entities are decoded, white space collapses to single
 * spaces, and it is clipped to {@link ForumPost#EXCERPT_LIMIT} characters.
 */
final class Excerpts {
    private static final Pattern DROPPED = Pattern.compile(
            "(?is)<(script|style|aside|template)\\b[^>]*>.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern TAG = Pattern.compile("(?s)<[a-zA-Z/!?][^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED = Map.ofEntries(Map.entry("amp", "&"), Map.entry("lt", "<"),
            Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("nbsp", " "),
            Map.entry("hellip", "…"), Map.entry("mdash", "—"), Map.entry("ndash", "–"), Map.entry("rsquo", "’"),
            Map.entry("lsquo", "‘"), Map.entry("rdquo", "”"), Map.entry("ldquo", "“"), Map.entry("copy", "©"));

    private Excerpts() {
    }

    /** The post's text: {@code cooked} HTML when the forum sent it, else {@code raw}; clipped. */
    static String of(String cooked, String raw) {
        String text = plainText(cooked != null && !cooked.isBlank() ? cooked : raw == null ? "" : raw);
        return text.length() > ForumPost.EXCERPT_LIMIT ? text.substring(0, ForumPost.EXCERPT_LIMIT - 1) + "…" : text;
    }

    /** HTML (or Markdown with some HTML in it) as one line of plain text. */
    static String plainText(String html) {
        String s = DROPPED.matcher(html).replaceAll(" ");
        s = TAG.matcher(s).replaceAll(" ");
        s = decode(s);
        // what a tag could hide after decoding (&lt;b&gt;) is text, not markup; no control characters reach chat
        return s.replaceAll("[\\p{Cntrl}\\s\\u00a0]+", " ").strip();
    }

    private static String decode(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (name.startsWith("#")) {
                int code = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                value = Character.isValidCodePoint(code) && code != 0 ? new String(Character.toChars(code)) : "\uFFFD";
            } else {
                value = NAMED.getOrDefault(name, m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
