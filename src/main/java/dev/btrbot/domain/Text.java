package dev.btrbot.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small text helpers for messages shown to people. */
public final class Text {
    /** What a line break in shown text becomes: visible, and never the start of another line. */
    public static final String LINE_BREAK = " ⏎ ";

    private static final Pattern BREAKS = Pattern.compile("\r\n|[\n\r\u000B\u000C\u0085\u2028\u2029]");
    /** {@code scheme://userinfo@}: userinfo in the characters RFC 3986 allows there. */
    private static final Pattern USERINFO = Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.-]*)://([A-Za-z0-9._~%!$&'()*+,;=:-]+)@");

    private Text() {
    }

    /** Shortens user input quoted back in an error, so a refusal stays one short line. */
    public static String clip(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = oneLine(withoutCredentials(s));
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }

    /** Keeps a title from elsewhere (an issue tracker) within the 200 characters a blocker's title may have. */
    public static String clip200(String s) {
        String oneLine = s.replaceAll("[\\r\\n\\t]", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 197) + "...";
    }

    /**
     * Text as it may be shown on one line of a message, a page or a terminal:
     * a line break (of any kind) becomes {@value #LINE_BREAK}, a tab a space, and
     * any other control character, and the bidirectional overrides that reorder
     * what follows them, the replacement character. So free text (notes, reasons,
     * titles) can never start a line of its own, forge one, or move the
     * terminal's cursor; what is stored stays exactly as it was given.
     */
    public static String oneLine(String s) {
        if (s == null) {
            return null;
        }
        String joined = BREAKS.matcher(s).replaceAll(LINE_BREAK);
        StringBuilder out = null;
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            char shown = c == '\t' ? ' ' : Character.isISOControl(c) || isBidiControl(c) ? '\uFFFD' : c;
            if (shown != c && out == null) {
                out = new StringBuilder(joined.length()).append(joined, 0, i);
            }
            if (out != null) {
                out.append(shown);
            }
        }
        return out == null ? joined : out.toString();
    }

    private static boolean isBidiControl(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
    }

    /**
     * Text with the secret part of every URL's userinfo hidden:
     * {@code https://x-access-token:TOKEN@host} shows as {@code https://x-access-token:***@host},
     * {@code https://TOKEN@host} as {@code https://***@host}. A user name alone in an
     * {@code ssh://} URL ({@code ssh://git@host}) is no secret and stays.
     */
    public static String withoutCredentials(String s) {
        if (s == null || !s.contains("@")) {
            return s;
        }
        Matcher m = USERINFO.matcher(s);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "://" + hidden(r.group(1), r.group(2)) + "@"));
    }

    /** True when a URL carries a secret in its userinfo (see {@link #withoutCredentials}). */
    public static boolean hasCredentials(String s) {
        return s != null && !s.equals(withoutCredentials(s));
    }

    private static String hidden(String scheme, String userinfo) {
        int colon = userinfo.indexOf(':');
        if (colon >= 0) {
            return userinfo.substring(0, colon) + ":***";
        }
        return "ssh".equalsIgnoreCase(scheme) || userinfo.equals("***") ? userinfo : "***";
    }

    /** What any text the bot shows goes through: no credentials, one line. */
    public static String shown(String s) {
        return oneLine(withoutCredentials(s));
    }

    public static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** A moment as people read it in chat: UTC to the second ({@code 2021-02-09T14:03:12Z}); JSON keeps full precision. */
    public static String time(java.time.Instant at) {
        return at == null ? "?" : at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** A wait as people say it: {@code 3 h 20 min}, {@code 45 min}, {@code 2 d 4 h}. */
    public static String duration(java.time.Duration d) {
        long minutes = Math.max(0, (d.getSeconds() + 59) / 60);
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long mins = minutes % 60;
        if (days > 0) {
            return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        return hours > 0 ? hours + " h" + (mins > 0 ? " " + mins + " min" : "") : mins + " min";
    }
}
