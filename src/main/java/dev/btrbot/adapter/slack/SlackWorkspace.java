package dev.btrbot.adapter.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one workspace btr-bot serves: the one {@code auth.test} names for the
 * bot token, asked once. A request names its team (and enterprise, in an
 * Enterprise Grid); one that names another, or any request while Slack
 * rejects the token, is not served.
 */
final class SlackWorkspace {
    private static final Logger LOG = LoggerFactory.getLogger(SlackWorkspace.class);
    static final String ANOTHER = "btr-bot serves another Slack workspace. Nothing was done.";

    private final WebApi api;
    private final MethodsClient client;
    private final AtomicReference<AuthTestResponse> identity = new AtomicReference<>();

    SlackWorkspace(WebApi api, MethodsClient client) {
        this.api = api;
        this.client = client;
    }

    /**
     * Asks Slack whose the bot token is. Slack unreachable is only logged:
     * the question is asked again at the first request.
     *
     * @throws IllegalStateException with a one-line reason when Slack rejects the token
     */
    void verify() {
        try {
            identity();
        } catch (WebApi.Failure e) {
            if (e.kind() == WebApi.Kind.TOKEN_REJECTED) {
                throw new IllegalStateException("Slack rejected SLACK_BOT_TOKEN (" + e.error() + "): give the Bot User OAuth Token"
                        + " (xoxb-…) of an app installed in the workspace (OAuth & Permissions)");
            }
            LOG.warn("Slack: could not ask which workspace the token belongs to ({}); asking again at the first request", e.getMessage());
        }
    }

    /** auth.test's answer when Slack has given it; null before. */
    AuthTestResponse known() {
        return identity.get();
    }

    private AuthTestResponse identity() {
        AuthTestResponse known = identity.get();
        if (known != null) {
            return known;
        }
        AuthTestResponse answer = api.call("auth.test", () -> client.authTest(r -> r));
        if (identity.compareAndSet(null, answer)) {
            LOG.info("Slack: serving workspace {}{}", answer.getTeamId(),
                    answer.getEnterpriseId() == null ? "" : " of enterprise " + answer.getEnterpriseId());
        }
        return identity.get();
    }

    /** Why a request from this team and enterprise is not served; empty when it comes from the bot's own workspace. */
    Optional<String> refusal(String team, String enterprise) {
        if (api.rejected().isPresent()) {
            return Optional.of("btr-bot cannot use Slack: its token was rejected (" + api.rejected().get()
                    + "). Nothing was done; tell whoever runs btr-bot.");
        }
        AuthTestResponse own;
        try {
            own = identity();
        } catch (WebApi.Failure e) {
            return Optional.of("btr-bot could not reach Slack to check this workspace. Nothing was done; try again in a minute.");
        }
        boolean sameTeam = own.getTeamId() == null || Objects.equals(own.getTeamId(), team);
        boolean sameEnterprise = Objects.equals(blankToNull(own.getEnterpriseId()), blankToNull(enterprise));
        return sameTeam && sameEnterprise ? Optional.empty() : Optional.of(ANOTHER);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
