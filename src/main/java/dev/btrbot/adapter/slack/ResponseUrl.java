package dev.btrbot.adapter.slack;

import com.slack.api.Slack;
import java.io.IOException;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An answer posted to a request's {@code response_url}, retried like a Web
 * API call when Slack answers 429: after the {@code Retry-After} it names (at
 * most a minute), at most {@link WebApi#ATTEMPTS} times in all. Bolt's
 * {@code Responder} returns only the status, not the header, so the post is
 * made here with Bolt's own HTTP client and JSON (snake case, as Slack reads
 * it). The URL carries a secret of its own and is never logged.
 */
final class ResponseUrl {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseUrl.class);

    private final Slack slack;
    private final String url;

    ResponseUrl(Slack slack, String url) {
        this.slack = slack;
        this.url = url;
    }

    /** Posts the answer (a SlashCommandResponse or ActionResponse); logs, never throws, when it cannot be delivered. */
    boolean send(Object answer) {
        if (url == null || url.isBlank()) {
            LOG.warn("Slack: answer not delivered: the request had no response_url");
            return false;
        }
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
                WebApi.sleep(WebApi.retryAfter(retryAfter));
            } catch (WebApi.Failure e) {
                LOG.warn("Slack: answer via response_url not delivered ({})", e.getMessage());
                return false;
            }
        }
    }
}
