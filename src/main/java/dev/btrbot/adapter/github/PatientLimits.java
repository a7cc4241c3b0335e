package dev.btrbot.adapter.github;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * Backing off on GitHub's limits without hanging a chat command: when the
 * primary limit ({@code X-RateLimit-Remaining: 0} until {@code X-RateLimit-Reset})
 * or a secondary limit ({@code Retry-After}, 403/429) resets within
 * {@code maxWait}, the request waits and is retried (the client retries a
 * bounded number of times); otherwise it fails at once with a sentence that
 * says until when, and the sync answers from the store.
 */
final class PatientLimits {
    private PatientLimits() {
    }

    /** A limit that will not reset soon enough to wait for. */
    static final class LimitExceeded extends IOException {
        LimitExceeded(String message) {
            super(message);
        }
    }

    static GitHubRateLimitHandler primary(Duration maxWait, Clock clock) {
        return new GitHubRateLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                String reset = response.header("X-RateLimit-Reset");
                Instant until = null;
                try {
                    until = reset == null ? null : Instant.ofEpochSecond(Long.parseLong(reset.strip()));
                } catch (NumberFormatException ignored) {
                    // no usable reset time: treat as not soon
                }
                Duration wait = retryAfter(response);
                if (wait == null && until != null) {
                    wait = Duration.between(clock.instant(), until).plusSeconds(1);
                }
                waitOrFail(wait, maxWait, "GitHub's API rate limit is used up" + (until == null ? "" : " until " + until));
            }
        };
    }

    static GitHubAbuseLimitHandler secondary(Duration maxWait) {
        return new GitHubAbuseLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                Duration wait = retryAfter(response);
                waitOrFail(wait == null ? Duration.ofSeconds(60) : wait, maxWait,
                        "GitHub's secondary rate limit asks to wait " + (wait == null ? "a minute" : wait.toSeconds() + " s"));
            }
        };
    }

    private static Duration retryAfter(GitHubConnectorResponse response) {
        String v = response.header("Retry-After");
        if (v == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void waitOrFail(Duration wait, Duration maxWait, String what) throws IOException {
        if (wait == null || wait.compareTo(maxWait) > 0) {
            throw new LimitExceeded(what + ".");
        }
        try {
            Thread.sleep(Math.max(0, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LimitExceeded(what + " (interrupted while waiting).");
        }
    }
}
