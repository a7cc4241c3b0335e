package dev.btrbot.domain;

import java.util.regex.Pattern;

/** The link that identifies a blocker: an issue, a pull request, a forum thread. */
public final class BlockerUrl {
    private static final Pattern VALID = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9%._~:/?#\\[\\]@!$&'()*+,;=-]*)?");

    private BlockerUrl() {
    }

    public static String validate(String url) {
        if (url == null || url.length() > 500 || !VALID.matcher(url).matches()) {
            throw new Refusal("'" + Text.clip(url) + "' is not a link (https://…).");
        }
        return url;
    }

    /** A readable default title: the link's last path segments. */
    public static String titleFrom(String url) {
        String path = url.replaceFirst("https?://[^/]+", "");
        return path.isEmpty() ? url : path;
    }
}
