package dev.btrbot.adapter.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * One Slack Web API call, retried when Slack answers 429: after the
 * {@code Retry-After} it names (at most a minute), at most
 * {@link #ATTEMPTS} times in all. A call Slack refuses ({@code ok: false})
 * comes back as a {@link Failure} naming the method and Slack's error code,
 * never the token.
 */
final class WebApi {
    static final int ATTEMPTS = 3;
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    private WebApi() {
    }

    interface Call<T> {
        T run() throws IOException, SlackApiException;
    }

    static <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                T response = call.run();
                if (!response.isOk()) {
                    throw new Failure(method + " failed: " + response.getError());
                }
                return response;
            } catch (SlackApiException e) {
                if (e.getResponse().code() != 429 || attempt >= ATTEMPTS) {
                    throw new Failure(method + " failed: HTTP " + e.getResponse().code()
                            + (e.getError() == null ? "" : " " + e.getError().getError()));
                }
                sleep(retryAfter(e.getResponse().header("Retry-After")));
            } catch (IOException e) {
                throw new Failure(method + " failed: " + e.getClass().getSimpleName());
            }
        }
    }

    static Duration retryAfter(String header) {
        try {
            long seconds = Long.parseLong(header == null ? "1" : header.strip());
            return seconds < 0 ? Duration.ZERO : Duration.ofSeconds(Math.min(seconds, LONGEST_WAIT.toSeconds()));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while waiting out Slack's rate limit");
        }
    }

    /** A Slack call that did not succeed; the message is safe to log. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }
}
