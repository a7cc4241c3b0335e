package dev.btrbot.adapter.discourse;

import dev.btrbot.core.port.Unavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps the bot far below Discourse's limits per address (50 requests in 10 s, 200 a minute; an admin API key 60 a
 * minute): at most {@value #PER_TEN_SECONDS} requests in any 10 s and {@value #PER_MINUTE} in any minute, a request
 * over either waiting its turn. When the forum answers 429 with a {@code Retry-After} longer than
 * {@link #LONGEST_WAIT}, nothing is sent until then and every request fails at once with {@link Unavailable} saying
 * when to retry; a shorter one is waited out. Time comes from the clock and waits go through the sleeper, so tests
 * record them instead of waiting.
 */
final class PoliteLimits {
    /** How waits happen; tests pass one that records the wait and moves their clock. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));

        void sleep(Duration d) throws InterruptedException;
    }

    static final int PER_TEN_SECONDS = 10;
    static final int PER_MINUTE = 60;
    /** The longest a request waits, for our own limit or for the forum's Retry-After; longer, it fails. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Clock clock;
    private final Sleeper sleeper;
    private final Deque<Instant> sent = new ArrayDeque<>();
    private Instant backOffUntil;

    PoliteLimits(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Waits until one more request keeps within the limits, then counts it as sent.
     *
     * @throws Unavailable while the forum asked the bot to stay away for longer than a request may wait
     */
    void awaitTurn() {
        while (true) {
            Duration wait;
            synchronized (this) {
                Instant now = clock.instant();
                if (backOffUntil != null && now.isBefore(backOffUntil)) {
                    Duration left = Duration.between(now, backOffUntil);
                    if (left.compareTo(LONGEST_WAIT) > 0) {
                        throw new Unavailable(backingOff());
                    }
                    wait = left;
                } else {
                    while (!sent.isEmpty() && !sent.peekFirst().isAfter(now.minus(MINUTE))) {
                        sent.removeFirst();
                    }
                    wait = later(waitFor(now, MINUTE, PER_MINUTE), waitFor(now, TEN_SECONDS, PER_TEN_SECONDS));
                    if (wait.isZero()) {
                        sent.addLast(now);
                        return;
                    }
                }
            }
            pause(wait);
        }
    }

    /**
     * The forum answered 429: waits out a short {@code Retry-After} (the caller then sends again), or keeps every request
     * back until a long one has passed and throws.
     *
     * @param retryAfter the forum's header: seconds, or an HTTP date; null or unreadable counts as {@link #LONGEST_WAIT}
     */
    void tooManyRequests(String retryAfter) {
        Duration wait = RetryAfter.parse(retryAfter, clock.instant()).orElse(LONGEST_WAIT);
        synchronized (this) {
            Instant until = clock.instant().plus(wait);
            backOffUntil = backOffUntil == null || until.isAfter(backOffUntil) ? until : backOffUntil;
            if (wait.compareTo(LONGEST_WAIT) > 0) {
                throw new Unavailable(backingOff());
            }
        }
        pause(wait);
    }

    private String backingOff() {
        return "The forum asked btr-bot to slow down (429 Too Many Requests): nothing is sent to it until " + backOffUntil
                + "; it is read again after that.";
    }

    /** How long until one more request fits in the window, given the requests in the deque (oldest first). */
    private Duration waitFor(Instant now, Duration window, int limit) {
        Instant since = now.minus(window);
        int inWindow = 0;
        Instant limiting = null;
        java.util.Iterator<Instant> newestFirst = sent.descendingIterator();
        while (newestFirst.hasNext()) {
            Instant at = newestFirst.next();
            if (!at.isAfter(since)) {
                break;
            }
            inWindow++;
            if (inWindow == limit) {
                limiting = at;
            }
        }
        if (inWindow < limit) {
            return Duration.ZERO;
        }
        // the request that must leave the window before one more fits
        Duration wait = Duration.between(now, limiting.plus(window));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static Duration later(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting to read the forum");
        }
    }
}
