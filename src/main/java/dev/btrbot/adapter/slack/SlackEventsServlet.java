package dev.btrbot.adapter.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.SlackAppServletAdapter;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /slack/events}: slash commands, interactivity and events on one URL.
 * Reads the body once as bytes, refuses with 401 anything not signed by Slack
 * within the last (or next) five minutes before Bolt sees it, then hands the
 * body, decoded as UTF-8, to Bolt through bolt-jakarta-servlet's adapter
 * (where Bolt's own RequestVerification checks the signature again).
 */
final class SlackEventsServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(SlackEventsServlet.class);
    /** Slack's payloads are small; a bigger body is not Slack's. */
    static final int MAX_BODY = 1 << 20;
    private static final String BODY = SlackEventsServlet.class.getName() + ".body";

    private final transient App app;
    private final transient RequestSignature signature;
    /** Whether this (timestamp, signature) pair is new; false for a request already taken. */
    private final transient java.util.function.Predicate<String> firstSight;
    private final transient SlackAppServletAdapter adapter;

    SlackEventsServlet(App app, RequestSignature signature, java.util.function.Predicate<String> firstSight) {
        this.firstSight = firstSight;
        this.app = app;
        this.signature = signature;
        this.adapter = new SlackAppServletAdapter(app.config()) {
            @Override
            protected String doReadRequestBodyAsString(HttpServletRequest req) {
                return (String) req.getAttribute(BODY);
            }
        };
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body = readBody(req.getInputStream());
        if (body == null) {
            resp.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        String refusal = signature.refusal(req.getHeader("X-Slack-Request-Timestamp"), req.getHeader("X-Slack-Signature"), body);
        if (refusal != null) {
            LOG.info("refused a request to /slack/events from {}: {}", req.getRemoteAddr(), refusal);
            resp.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            resp.setContentType("application/json");
            resp.getWriter().write("{\"error\":\"invalid request\"}");
            return;
        }
        String retry = req.getHeader("X-Slack-Retry-Num");
        if (retry != null || !firstSight.test(req.getHeader("X-Slack-Request-Timestamp") + ":" + req.getHeader("X-Slack-Signature"))) {
            // a replay of a request already taken, or Slack's own retry of one: acknowledged, and nothing changes
            LOG.info("Slack: dropped a {} from {}", retry != null ? "retry (" + retry + ")" : "repeated request", req.getRemoteAddr());
            resp.setStatus(HttpServletResponse.SC_OK);
            return;
        }
        req.setAttribute(BODY, new String(body, StandardCharsets.UTF_8));
        Request<?> slackReq;
        try {
            slackReq = adapter.buildSlackRequest(req);
        } catch (RuntimeException e) {
            // Bolt parses the payload here; signed by Slack yet unreadable is a bad request, not our failure
            LOG.warn("Slack: a signed request btr-bot cannot read ({})", e.getClass().getSimpleName());
            slackReq = null;
        }
        if (slackReq == null) {
            adapter.writeResponse(resp, Response.builder().statusCode(400).body("Invalid Request").build());
            return;
        }
        try {
            adapter.writeResponse(resp, app.run(slackReq));
        } catch (Exception e) {
            LOG.error("Slack request failed", e);
            resp.setStatus(500);
            resp.setContentType("application/json");
            resp.getWriter().write("{\"error\":\"Something is wrong\"}");
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }
}
