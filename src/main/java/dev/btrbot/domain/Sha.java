package dev.btrbot.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** A full git object id (SHA-1 or SHA-256), lower-case hex. */
public record Sha(String value) {
    private static final Pattern VALID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    public Sha {
        value = value == null ? null : value.toLowerCase(Locale.ROOT);
        if (value == null || !VALID.matcher(value).matches()) {
            throw new Refusal("'" + Text.clip(value) + "' is not a full commit sha (40 hex digits).");
        }
    }

    /** Whether {@code value} is a full object id, for input that may legitimately be something else (an abbreviation). */
    public static boolean isFull(String value) {
        return value != null && VALID.matcher(value.toLowerCase(Locale.ROOT)).matches();
    }

    public String shortId() {
        return value.substring(0, 10);
    }

    @Override
    public String toString() {
        return value;
    }
}
