package dev.btrbot.adapter.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's Web API as btr-bot calls it, with one bot token.
 *
 * <ul>
 * <li>A call Slack answers 429 is retried after the {@code Retry-After} it
 * names (at most a minute), at most {@link #ATTEMPTS} times in all, and never
 * past the caller's deadline when it has one (a {@code trigger_id} lives three
 * seconds).</li>
 * <li>A call Slack refuses ({@code ok: false}) is a {@link Failure} naming the
 * method and Slack's error code, never the token.</li>
 * <li>An answer that says the token itself is no good ({@link #FATAL}) is
 * logged once and remembered: every later call fails at once, without asking
 * Slack again, until the token is replaced and btr-bot restarted.</li>
 * </ul>
 */
final class WebApi {
    private static final Logger LOG = LoggerFactory.getLogger(WebApi.class);
    static final int ATTEMPTS = 3;
    /** Slack's answers for a token that will never work again: asking again changes nothing. */
    static final Set<String> FATAL = Set.of("invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive");
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    private final Clock clock;
    private final Sleeper sleeper;
    private final AtomicReference<String> rejected = new AtomicReference<>();

    /**
     * @param clock   decides whether a retry would come past a deadline
     * @param sleeper waits out a {@code Retry-After}; it should move {@code clock} on by as much
     */
    WebApi(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits out a rate limit: the thread sleeps in production; tests record the wait and move their clock instead. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration d) throws InterruptedException;
    }

    interface Call<T> {
        T run() throws IOException, SlackApiException;
    }

    /** Why a call did not succeed. */
    enum Kind {
        /** Slack answered {@code ok: false} (or an HTTP error) for this call. */
        REFUSED,
        /** Slack answered 429 and waiting again was not allowed (attempts or deadline). */
        RATE_LIMITED,
        /** No answer from Slack. */
        UNREACHABLE,
        /** The token was rejected, now or earlier: nothing is sent with it any more. */
        TOKEN_REJECTED
    }

    <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
        return call(method, call, null);
    }

    /**
     * @param deadline when a retry after a 429 would come too late (null: none)
     * @throws Failure when the call did not succeed
     */
    <T extends SlackApiTextResponse> T call(String method, Call<T> call, Instant deadline) {
        String fatal = rejected.get();
        if (fatal != null) {
            throw new Failure(Kind.TOKEN_REJECTED, fatal, method + " not sent: Slack rejected the bot token (" + fatal + ")");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                T response = call.run();
                if (!response.isOk()) {
                    throw refused(method, response.getError());
                }
                return response;
            } catch (SlackApiException e) {
                int code = e.getResponse().code();
                String error = e.getError() == null ? null : e.getError().getError();
                if (code != 429) {
                    throw refused(method, error == null ? "HTTP " + code : error);
                }
                Duration wait = retryAfter(e.getResponse().header("Retry-After"));
                if (attempt >= ATTEMPTS || deadline != null && clock.instant().plus(wait).isAfter(deadline)) {
                    throw new Failure(Kind.RATE_LIMITED, "ratelimited", method + " failed: HTTP 429 (rate limited, attempt " + attempt
                            + (deadline != null && attempt < ATTEMPTS ? "; Retry-After " + wait.toSeconds() + " s is past its deadline)" : ")"));
                }
                sleep(wait);
            } catch (IOException e) {
                throw new Failure(Kind.UNREACHABLE, null, method + " failed: " + e.getClass().getSimpleName());
            }
        }
    }

    private Failure refused(String method, String error) {
        if (FATAL.contains(error)) {
            if (rejected.compareAndSet(null, error)) {
                LOG.error("Slack rejected the bot token ({}): btr-bot sends nothing to Slack until SLACK_BOT_TOKEN is replaced and it"
                        + " is restarted; /healthz reports it", error);
            }
            return new Failure(Kind.TOKEN_REJECTED, error, method + " failed: Slack rejected the bot token (" + error + ")");
        }
        return new Failure(Kind.REFUSED, error, method + " failed: " + error);
    }

    /** Slack's error code for the token, once Slack rejected it; empty while it works (or nobody knows yet). */
    Optional<String> rejected() {
        return Optional.ofNullable(rejected.get());
    }

    static Duration retryAfter(String header) {
        try {
            long seconds = Long.parseLong(header == null ? "1" : header.strip());
            return seconds < 0 ? Duration.ZERO : Duration.ofSeconds(Math.min(seconds, LONGEST_WAIT.toSeconds()));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    /** Waits {@code d} with the {@link Sleeper}. */
    void sleep(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(Kind.UNREACHABLE, null, "interrupted while waiting out Slack's rate limit");
        }
    }

    /** A Slack call that did not succeed; the message is safe to log. */
    static final class Failure extends RuntimeException {
        private final transient Kind kind;
        private final String error;

        Failure(Kind kind, String error, String message) {
            super(message);
            this.kind = kind;
            this.error = error;
        }

        Kind kind() {
            return kind;
        }

        /** Slack's error code ({@code channel_not_found}, {@code ratelimited}, …), or null when Slack did not answer. */
        String error() {
            return error;
        }
    }
}
