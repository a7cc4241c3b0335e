package dev.btrbot.adapter.slack;

import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.btrbot.core.Reply;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt middleware: a request from another workspace or enterprise (or any
 * while the token is rejected) is acknowledged, refused with a short reason
 * only its sender sees where Slack allows one, and runs nothing.
 */
final class OwnWorkspace implements Middleware {
    private static final Logger LOG = LoggerFactory.getLogger(OwnWorkspace.class);
    private final SlackWorkspace workspace;
    private final Answers answers;
    private final Work work;

    OwnWorkspace(SlackWorkspace workspace, Answers answers, Work work) {
        this.workspace = workspace;
        this.answers = answers;
        this.work = work;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        String team = req.getContext().getTeamId();
        String enterprise = req.getContext().getEnterpriseId();
        if (team == null && enterprise == null) {
            return chain.next(req);
        }
        Optional<String> refusal = workspace.refusal(team, enterprise);
        if (refusal.isEmpty()) {
            return chain.next(req);
        }
        LOG.info("Slack: refused a {} request from team {} (enterprise {}): {}", req.getRequestType(), team, enterprise, refusal.get());
        return switch (req.getRequestType()) {
            case Command -> Response.json(200, SlashCommandResponse.builder().responseType("ephemeral").text(refusal.get()).build());
            case BlockAction -> {
                String url = ((BlockActionRequest) req).getPayload().getResponseUrl();
                ResponseUrl responder = answers.refusalOnly(url);
                work.submit("refusal", () -> responder.send(Reply.error(refusal.get(), null), null));
                yield Response.ok();
            }
            case ViewSubmission -> {
                View view = ((ViewSubmissionRequest) req).getPayload().getView();
                yield view != null && SignOffModal.CALLBACK_ID.equals(view.getCallbackId())
                        ? Response.json(200, Map.of("response_action", "errors", "errors", Map.of(SignOffModal.ENV, refusal.get())))
                        : Response.ok();
            }
            default -> Response.ok();
        };
    }
}
