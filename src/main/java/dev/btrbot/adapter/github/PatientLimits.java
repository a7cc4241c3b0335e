package dev.btrbot.adapter.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * GitHub's rate limits, kept rather than run into, without hanging a chat
 * command. Every response says, in its {@code X-RateLimit-*} headers, how much
 * of which budget is left and until when: {@code X-RateLimit-Resource: core}
 * (5,000 requests an hour) and {@code search} (30 a minute) are separate. A
 * request to a budget that is used up waits for its reset when that is near
 * enough — a search up to {@link #SEARCH_WAIT} (its window is a minute, so a
 * sync of many releases paces its searches), anything else up to
 * {@code maxWait} — and otherwise fails at once with a sentence naming the
 * budget and until when. A secondary rate limit (403 or 429 whose message says
 * "secondary rate limit", or any 429 that is not the primary limit) is backed
 * off as GitHub's "Rate limits for the REST API" asks: {@code Retry-After}
 * when given, else the reset when nothing remains, else at least a minute,
 * doubling while it repeats; until then nothing is sent. A 403 that is neither
 * is a refusal, left to the caller. Time comes from the clock and waits go
 * through the sleeper, so tests never really wait.
 */
final class PatientLimits {
    /** How waits happen; tests pass one that moves their clock. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final Sleeper REAL_SLEEP = d -> Thread.sleep(Math.max(0, d.toMillis()));
    /** The search budget resets every minute: waiting for it is always worth it. */
    static final Duration SEARCH_WAIT = Duration.ofSeconds(60);
    /** GitHub's guidance for a secondary limit that names no time. */
    static final Duration SECONDARY_FIRST = Duration.ofMinutes(1);
    static final Duration SECONDARY_LONGEST = Duration.ofMinutes(16);
    /** Sends of one request, limits included; then the limit is reported. */
    static final int ATTEMPTS = 3;

    /** A limit that will not reset soon enough to wait for; the message says which and until when. */
    static final class LimitExceeded extends IOException {
        LimitExceeded(String message) {
            super(message);
        }
    }

    private record Budget(String resource, long limit, long remaining, Instant reset) {
    }

    private final Duration maxWait;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, Budget> budgets = new HashMap<>();
    private Instant backOffUntil;
    private String backOffWhy;
    private int strikes;
    private long waits;
    private Duration waited = Duration.ZERO;

    PatientLimits(Duration maxWait, Clock clock, Sleeper sleeper) {
        this.maxWait = maxWait;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The budget a request draws on before GitHub says so: searches on {@code search}, the rest on {@code core}. */
    static String resourceOf(String path) {
        return path.contains("/search/") ? "search" : "core";
    }

    /** Waits for a back-off or for the budget the request draws on, or throws {@link LimitExceeded} when that is too far. */
    void awaitTurn(String resource) throws IOException {
        for (int round = 0; round < ATTEMPTS; round++) {
            Duration wait;
            Duration allowed;
            String why;
            synchronized (this) {
                Instant now = clock.instant();
                Budget b = budgets.get(resource);
                if (backOffUntil != null && now.isBefore(backOffUntil)) {
                    wait = Duration.between(now, backOffUntil);
                    allowed = maxWait;
                    why = backOffWhy;
                } else if (b != null && b.remaining() <= 0 && now.isBefore(b.reset())) {
                    wait = Duration.between(now, b.reset()).plusSeconds(1);
                    allowed = resource.equals("search") ? SEARCH_WAIT.plusSeconds(1) : maxWait;
                    why = usedUp(b);
                } else {
                    return;
                }
            }
            if (wait.compareTo(allowed) > 0) {
                throw new LimitExceeded(why);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LimitExceeded(why + " (interrupted while waiting)");
            }
            synchronized (this) {
                waits++;
                waited = waited.plus(wait);
            }
        }
    }

    /**
     * Notes the budget a response reports; answers null when it is no limit,
     * else why it was refused (then {@link #awaitTurn} decides whether to wait).
     */
    synchronized String observe(String guessedResource, int status, Function<String, String> header, byte[] body) {
        Instant now = clock.instant();
        String resource = header.apply("X-RateLimit-Resource") != null ? header.apply("X-RateLimit-Resource").strip() : guessedResource;
        Long remaining = number(header.apply("X-RateLimit-Remaining"));
        Long limit = number(header.apply("X-RateLimit-Limit"));
        Long resetAt = number(header.apply("X-RateLimit-Reset"));
        Instant reset = resetAt == null ? null : Instant.ofEpochSecond(resetAt);
        if (remaining != null && reset != null) {
            budgets.put(resource, new Budget(resource, limit == null ? -1 : limit, remaining, reset));
        }
        if (status != 403 && status != 429) {
            if (status < 400) {
                strikes = 0;
            }
            return null;
        }
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        boolean secondary = text.contains("secondary rate limit");
        boolean nothingLeft = remaining != null && remaining <= 0 && reset != null;
        if (!secondary && nothingLeft) {
            return usedUp(budgets.get(resource));
        }
        if (!secondary && status == 403) {
            return null;
        }
        Duration retryAfter = seconds(header.apply("Retry-After"));
        Duration wait;
        String given;
        if (retryAfter != null) {
            wait = retryAfter;
            given = "Retry-After: " + retryAfter.toSeconds() + " s";
        } else if (nothingLeft) {
            wait = Duration.between(now, reset).plusSeconds(1);
            given = "until its reset";
        } else {
            wait = SECONDARY_FIRST.multipliedBy(1L << Math.min(strikes, 4));
            wait = wait.compareTo(SECONDARY_LONGEST) > 0 ? SECONDARY_LONGEST : wait;
            given = strikes == 0 ? "at least a minute, as GitHub asks when it names no time"
                    : wait.toMinutes() + " minutes, doubled as it keeps refusing";
        }
        strikes++;
        Instant until = now.plus(wait.isNegative() ? Duration.ZERO : wait);
        backOffUntil = backOffUntil == null || until.isAfter(backOffUntil) ? until : backOffUntil;
        backOffWhy = "GitHub's secondary rate limit (" + status + ") asks the bot to back off (" + given + "): nothing is sent to GitHub until "
                + backOffUntil + ".";
        return backOffWhy;
    }

    /** How many times a request waited for a limit, and how long in all (for the benchmark and tests). */
    synchronized long waits() {
        return waits;
    }

    synchronized Duration waited() {
        return waited;
    }

    private static String usedUp(Budget b) {
        String per = b.resource().equals("search") ? " a minute" : b.resource().equals("core") ? " an hour" : "";
        String size = b.limit() < 0 ? "" : " (" + String.format(Locale.ROOT, "%,d", b.limit()) + " requests" + per + ")";
        return "GitHub's " + b.resource() + " rate limit" + size + " is used up until " + b.reset() + ".";
    }

    private static Long number(String v) {
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration seconds(String v) {
        Long n = number(v);
        return n == null ? null : Duration.ofSeconds(Math.max(0, n));
    }
}
