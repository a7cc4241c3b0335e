package dev.btrbot.adapter.web;

import dev.btrbot.adapter.render.HtmlRenderer;
import dev.btrbot.domain.Text;

/**
 * The page around every dashboard page, and its pieces: every text goes
 * through {@link #text}, every attribute value through {@link #attr}, and a
 * link's address is taken only when it is http(s), so nothing a member typed
 * can become markup or script. The page loads nothing but our stylesheet.
 */
final class Html {
    static final String STYLESHEET = "/static/btr.css";

    private Html() {
    }

    /**
     * Escaped, on one line (a break shows as ⏎, control and bidi-override characters as �), and a secret in a URL
     * (stored before such URLs were refused) as ***.
     */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        return plain(s) ? s : HtmlRenderer.escape(Text.shown(s));
    }

    /** Nothing to escape, replace or hide: most text on a page, so a page of 2,000 blockers does not copy every string twice. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '@' || c == '<' || c == '>' || c == '&' || c == '"' || c == '\'' || c >= 0x7f && c <= 0x9f
                    || c >= '\u2028' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069') {
                return false;
            }
        }
        return true;
    }

    static String attr(String s) {
        return text(s);
    }

    /** An http(s) address as a link; anything else as text. */
    static String link(String url, String label) {
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
            return text(label);
        }
        return "<a href=\"" + attr(url) + "\">" + text(label) + "</a>";
    }

    /**
     * A whole page.
     *
     * @param title   the page's title, after "btr-bot — "
     * @param refresh reload every minute (a page left on a wall stays current, without script)
     */
    static String page(String title, String body, boolean refresh) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>btr-bot — " + text(title) + "</title>"
                + (refresh ? "<meta http-equiv=\"refresh\" content=\"60\">" : "")
                + "<link rel=\"stylesheet\" href=\"" + STYLESHEET + "\"></head>\n<body>\n"
                + "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
                + "<header class=\"top\"><nav aria-label=\"Site\"><a href=\"/\">btr-bot releases</a></nav></header>\n"
                + "<main id=\"main\">\n" + body + "</main>\n"
                + "<footer class=\"bottom\"><p>Read-only view of the stored data; refreshes every minute.</p></footer>\n"
                + "</body></html>\n";
    }

    /** The page for a path or release that is not there. */
    static String notFound(String what) {
        return page("not found", "<h1>Not found</h1>\n<p>" + text(what) + "</p>\n<p><a href=\"/\">All releases</a></p>\n", false);
    }

    static String badge(String cls, String label) {
        return "<span class=\"badge " + cls + "\">" + text(label) + "</span>";
    }
}
