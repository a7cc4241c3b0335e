package dev.btrbot.domain;

/** Small text helpers for messages shown to people. */
public final class Text {
    private Text() {
    }

    /** Shortens user input quoted back in an error, so a refusal stays one short line. */
    public static String clip(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("[\\r\\n\\t]", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }

    /** Keeps a title from elsewhere (an issue tracker) within the 200 characters a blocker's title may have. */
    public static String clip200(String s) {
        String oneLine = s.replaceAll("[\\r\\n\\t]", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 197) + "...";
    }

    public static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** A moment as people read it in chat: UTC to the second ({@code 2021-02-09T14:03:12Z}); JSON keeps full precision. */
    public static String time(java.time.Instant at) {
        return at == null ? "?" : at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
