package dev.btrbot.adapter.matrix;

import java.time.Duration;

/**
 * How long the adapter waits for what, and how far it reaches back. Production
 * values are {@link #DEFAULT}; tests use tiny ones so every loop stays short.
 *
 * @param syncTimeout   how long the homeserver may hold a {@code /sync} long-poll
 * @param backoffBase   first wait after a network error or a 5xx; doubles each time
 * @param backoffMax    the longest wait between attempts
 * @param sendAttempts  attempts per send before the message is left queued for the next round
 * @param maxRateWait   the longest a 429 hint is honoured in one wait (a server asking for more is waited for this long, then asked again)
 * @param backfillEvents the most events fetched back per room per sync when a timeline is {@code limited} (a gap)
 * @param shutdownGrace  how long a stop waits for the commands running (and their sends) before interrupting them
 */
record Timing(Duration syncTimeout, Duration backoffBase, Duration backoffMax, int sendAttempts, Duration maxRateWait,
              int backfillEvents, Duration shutdownGrace) {
    static final Timing DEFAULT = new Timing(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(2), 5,
            Duration.ofMinutes(5), 1_000, Duration.ofSeconds(10));

    Timing {
        if (sendAttempts < 1 || backfillEvents < 0 || shutdownGrace.isNegative() || syncTimeout.isNegative() || backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("bad timing " + sendAttempts + " " + syncTimeout + " " + backoffBase + " " + backoffMax);
        }
    }

    /** The wait before attempt {@code n + 1} after {@code n} failures in a row (n ≥ 1): base·2^(n-1), capped. */
    Duration backoff(int failures) {
        long factor = 1L << Math.min(20, Math.max(0, failures - 1));
        Duration d = backoffBase.multipliedBy(factor);
        return d.compareTo(backoffMax) > 0 ? backoffMax : d;
    }
}
