package dev.btrbot.adapter.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.btrbot.core.ForumIntake;
import dev.btrbot.domain.ForumPost;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /discourse/webhook}: the forum's own word that a post was written, so a report need not wait for the
 * next poll. Only a body signed with the webhook's secret counts ({@code X-Discourse-Event-Signature: sha256=<hex
 * HMAC-SHA256 of the raw body>}, compared in constant time): anything else is 401 and changes nothing; a body over
 * {@value #MAX_BODY} bytes is 413 unread. The signature carries no time, so a delivery is taken once: its
 * {@code X-Discourse-Event-Id} (with {@code X-Discourse-Instance}) is remembered for {@link #REMEMBER}, and a replay is
 * answered 200 (so Discourse stops retrying) with nothing done.
 *
 * <p>{@code post_created} is the one event taken: a new topic's opening post arrives as one too, with the ids and text
 * a report needs, which {@code topic_created} lacks. {@code post_edited} is not taken: polling cannot see edits, and a
 * report should not depend on which of the two paths brought a post, nor be raised when an old post is tidied.
 * Every other event ({@code ping} included) is answered 200 and ignored. Posts by the bot's own forum account are
 * ignored too. No answer carries a stack trace.
 */
final class DiscourseWebhook extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(DiscourseWebhook.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_BODY = 1 << 20;
    static final Duration REMEMBER = Duration.ofDays(7);
    static final String TAKEN = "post_created";

    private final transient byte[] secret;
    private final URI forum;
    private final String ownAccount;
    private final transient ForumIntake intake;
    private final transient Discourse.SeenEvents seen;
    private final transient Clock clock;

    DiscourseWebhook(String secret, URI forum, String ownAccount, ForumIntake intake, Discourse.SeenEvents seen, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.forum = forum;
        this.ownAccount = ownAccount;
        this.intake = intake;
        this.seen = seen;
        this.clock = clock;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            handle(req, resp);
        } catch (RuntimeException e) {
            // the polling path still reads the post at the next poll: the cursor only moves when a post is taken
            LOG.error("Discourse webhook: a delivery could not be taken", e);
            answer(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "{\"error\":\"btr-bot could not take this delivery\"}");
        }
    }

    private void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body = readBody(req.getInputStream());
        if (body == null) {
            answer(resp, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "{\"error\":\"body too large\"}");
            return;
        }
        if (!signedByTheForum(req.getHeader("X-Discourse-Event-Signature"), body)) {
            LOG.info("Discourse webhook: refused a delivery from {} (signature missing or wrong)", req.getRemoteAddr());
            answer(resp, HttpServletResponse.SC_UNAUTHORIZED, "{\"error\":\"invalid signature\"}");
            return;
        }
        String event = String.valueOf(req.getHeader("X-Discourse-Event")).strip().toLowerCase(Locale.ROOT);
        String eventId = req.getHeader("X-Discourse-Event-Id");
        if (!TAKEN.equals(event)) {
            answer(resp, HttpServletResponse.SC_OK, "{\"ignored\":\"not a post_created event\"}");
            return;
        }
        if (eventId == null || !eventId.strip().matches("[0-9A-Za-z_-]{1,64}")) {
            answer(resp, HttpServletResponse.SC_BAD_REQUEST, "{\"error\":\"X-Discourse-Event-Id missing\"}");
            return;
        }
        Optional<ForumPost> post = post(body);
        if (post.isEmpty()) {
            answer(resp, HttpServletResponse.SC_BAD_REQUEST, "{\"error\":\"not a post\"}");
            return;
        }
        String instance = String.valueOf(req.getHeader("X-Discourse-Instance")).strip();
        String key = Discourse.SEEN_SCOPE + instance + "#" + eventId.strip();
        if (!seen.firstSight(key, clock.instant(), REMEMBER)) {
            LOG.info("Discourse webhook: dropped a repeated delivery of event {}", eventId.strip());
            answer(resp, HttpServletResponse.SC_OK, "{\"ignored\":\"already taken\"}");
            return;
        }
        if (ownAccount != null && ownAccount.equalsIgnoreCase(post.get().author())) {
            answer(resp, HttpServletResponse.SC_OK, "{\"ignored\":\"the bot's own post\"}");
            return;
        }
        int taken = intake.receive(List.of(post.get()));
        answer(resp, HttpServletResponse.SC_OK, "{\"taken\":" + taken + "}");
    }

    /** The body's {@code post}, in the shape of Discourse's {@code WebHookPostSerializer}. */
    private Optional<ForumPost> post(byte[] body) {
        try {
            JsonNode post = JSON.readTree(body).path("post");
            return post.isObject() ? PostJson.toPost(post, forum, null, null) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    boolean signedByTheForum(String header, byte[] body) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        byte[] given = header.substring("sha256=".length()).strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = HexFormat.of().formatHex(hmac(body)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, expected);
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private static void answer(HttpServletResponse resp, int status, String json) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write(json);
    }
}
