package dev.btrbot.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * At most {@code changes} changes by one member within any {@code window}
 * ({@code changes} 0: no limit). Pure: the caller gives the times of the
 * member's recent changes, as the audit log has them.
 */
public record RateLimit(int changes, Duration window) {
    public static final RateLimit NONE = new RateLimit(0, Duration.ofHours(1));

    public RateLimit {
        if (changes < 0 || window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit counts zero or more changes within a positive window");
        }
    }

    public static RateLimit perHour(int changes) {
        return new RateLimit(changes, Duration.ofHours(1));
    }

    /** The window in words: "hour", "3 hours", "10 min". */
    public String windowText() {
        long minutes = window.toMinutes();
        if (minutes % 60 != 0) {
            return minutes + " min";
        }
        return minutes == 60 ? "hour" : minutes / 60 + " hours";
    }

    /** The times that count at {@code now}: those within the window before it. */
    public Instant since(Instant now) {
        return now.minus(window);
    }

    /**
     * When one more change is allowed, or empty when it is allowed now.
     *
     * @param recent the member's changes, in any order (older ones than the window are ignored)
     */
    public Optional<Instant> nextAllowed(List<Instant> recent, Instant now) {
        if (changes == 0) {
            return Optional.empty();
        }
        List<Instant> counted = recent.stream().filter(at -> at.isAfter(since(now))).sorted().toList();
        if (counted.size() < changes) {
            return Optional.empty();
        }
        // the change that must leave the window before one more fits
        return Optional.of(counted.get(counted.size() - changes).plus(window));
    }
}
