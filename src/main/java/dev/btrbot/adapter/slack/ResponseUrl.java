package dev.btrbot.adapter.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import dev.btrbot.core.Reply;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code response_url} of one request: where its answers go. Slack takes
 * at most {@link #MAX_ANSWERS} answers there within {@link #LIFETIME} of the
 * request; an answer past either limit, or one Slack does not take there
 * (after the 429 retries of {@link WebApi}), goes to the {@link Elsewhere}
 * instead (the channel or the member's DM) rather than being lost.
 *
 * <p>Bolt's {@code Responder} returns only the status, not the header, so the
 * post is made here with Bolt's own HTTP client and JSON (snake case, as Slack
 * reads it). The URL carries a secret of its own and is never logged.
 */
final class ResponseUrl {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseUrl.class);
    static final int MAX_ANSWERS = 5;
    static final Duration LIFETIME = Duration.ofMinutes(30);

    /** Where an answer goes when the response_url cannot take it. */
    interface Elsewhere {
        void deliver(Reply reply);
    }

    private final Slack slack;
    private final WebApi api;
    private final String url;
    private final boolean click;
    private final Instant received;
    private final Clock clock;
    private final Elsewhere elsewhere;
    private int answers;

    /**
     * @param click    true for an interaction (its answers never replace the message clicked), false for a slash command
     * @param received when the request arrived: the URL's 30 minutes count from then
     */
    ResponseUrl(Slack slack, WebApi api, String url, boolean click, Instant received, Clock clock, Elsewhere elsewhere) {
        this.slack = slack;
        this.api = api;
        this.url = url;
        this.click = click;
        this.received = received;
        this.clock = clock;
        this.elsewhere = elsewhere;
    }

    /**
     * Answers the request: through its response_url while that takes answers,
     * else {@link Elsewhere}; seen by the channel or by the requester alone,
     * as the reply's visibility says. Never throws.
     *
     * @param moreUrl where the whole reply can be read; may be null
     */
    synchronized void send(Reply reply, String moreUrl) {
        boolean inChannel = reply.visibility() == Reply.Visibility.CHANNEL;
        String spent = url == null || url.isBlank() ? "the request had no response_url"
                : answers >= MAX_ANSWERS ? "its response_url took " + MAX_ANSWERS + " answers already"
                : !clock.instant().isBefore(received.plus(LIFETIME)) ? "its response_url expired (" + LIFETIME.toMinutes() + " minutes)"
                : null;
        if (spent == null && post(payload(reply, inChannel, moreUrl))) {
            answers++;
            return;
        }
        LOG.info("Slack: answer sent {} instead: {}", inChannel ? "to the channel" : "as a direct message",
                spent == null ? "its response_url did not take it" : spent);
        elsewhere.deliver(reply);
    }

    private Object payload(Reply reply, boolean inChannel, String moreUrl) {
        String type = inChannel ? "in_channel" : "ephemeral";
        if (click) {
            return ActionResponse.builder().replaceOriginal(false).responseType(type).text(BlockKit.fallback(reply))
                    .blocks(BlockKit.blocks(reply, moreUrl)).build();
        }
        return SlashCommandResponse.builder().responseType(type).text(BlockKit.fallback(reply)).blocks(BlockKit.blocks(reply, moreUrl))
                .build();
    }

    /** True when Slack took the answer; a 429 is retried like a Web API call. */
    private boolean post(Object answer) {
        for (int attempt = 1; ; attempt++) {
            int code;
            String retryAfter;
            try (Response r = slack.getHttpClient().postJsonBody(url, answer)) {
                code = r.code();
                retryAfter = r.header("Retry-After");
            } catch (IOException e) {
                LOG.warn("Slack: answer via response_url not delivered ({})", e.getClass().getSimpleName());
                return false;
            }
            if (code < 300) {
                return true;
            }
            if (code != 429 || attempt >= WebApi.ATTEMPTS) {
                LOG.warn("Slack: answer via response_url not delivered (HTTP {}, attempt {} of {})", code, attempt, WebApi.ATTEMPTS);
                return false;
            }
            LOG.info("Slack: response_url rate-limited (429); retrying after {} s", WebApi.retryAfter(retryAfter).toSeconds());
            try {
                api.sleep(WebApi.retryAfter(retryAfter));
            } catch (WebApi.Failure e) {
                LOG.warn("Slack: answer via response_url not delivered ({})", e.getMessage());
                return false;
            }
        }
    }
}
