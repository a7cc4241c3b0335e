package dev.btrbot.adapter.discourse;

import static dev.btrbot.adapter.discourse.ForumBed.JAN_26;
import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.web.WebServer;
import dev.btrbot.core.ForumIntake;
import dev.btrbot.core.Interactions;
import dev.btrbot.domain.ForumPost;
import dev.btrbot.testing.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /discourse/webhook} on the real web server, deliveries remembered in a real SQLite store, bodies in the
 * shape of Discourse's webhook serializers (the post one checked against its schema by the fake).
 */
class DiscourseWebhookTest {
    @TempDir
    Path dir;
    final ForumBed bed = new ForumBed();
    final List<ForumPost> received = new CopyOnWriteArrayList<>();
    final HttpClient client = HttpClient.newHttpClient();
    volatile RuntimeException failWith;
    WebServer web;
    Interactions interactions;

    @BeforeEach
    void serve() throws Exception {
        TestBot bot = TestBot.builder(dir).clock(bed.clock).build();
        interactions = bot.wiring.interactions();
        ForumIntake intake = posts -> {
            if (failWith != null) {
                throw failWith;
            }
            received.addAll(posts);
            return posts.size();
        };
        web = new WebServer("127.0.0.1", 0, null, null, new WebServer.Options(false, 0));
        web.mount(Discourse.WEBHOOK_PATH, bed.discourse().webhook(intake, interactions::firstSight));
        web.start();
    }

    @AfterEach
    void stop() throws Exception {
        web.close();
        interactions.close();
        bed.close();
    }

    private FakeDiscourse.Post koaPost() {
        return bed.forum.topic(4021, 312, "Koa.2 does not install", "amir", JAN_26, "<p>tutor local launch fails on koa.2</p>", 12);
    }

    private HttpResponse<String> deliver(String event, String id, String body, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + Discourse.WEBHOOK_PATH))
                .header("Content-Type", "application/json").header("X-Discourse-Instance", "https://discuss.openedx.org")
                .header("X-Discourse-Event-Type", event.startsWith("topic") ? "topic" : "post").header("X-Discourse-Event", event)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (id != null) {
            b.header("X-Discourse-Event-Id", id);
        }
        if (signature != null) {
            b.header("X-Discourse-Event-Signature", signature);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSignedPostCreatedBecomesAForumPostForTheIntake() throws Exception {
        String body = bed.forum.webhookBody(koaPost());

        HttpResponse<String> r = deliver("post_created", "901", body, sign(ForumBed.SECRET, body));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(received).singleElement().satisfies(p -> {
            assertThat(p.postId()).isEqualTo(4021);
            assertThat(p.topicId()).isEqualTo(312);
            assertThat(p.topicTitle()).isEqualTo("Koa.2 does not install");
            assertThat(p.author()).isEqualTo("amir");
            assertThat(p.createdAt()).isEqualTo(JAN_26);
            assertThat(p.categoryId()).isEqualTo(12);
            assertThat(p.excerpt()).isEqualTo("tutor local launch fails on koa.2");
            assertThat(p.url()).as("built on the configured forum, not on what the body says")
                    .isEqualTo(URI.create(bed.forum.url() + "/t/koa-2-does-not-install/312/1"));
        });
    }

    @Test
    void aForgedSignatureIsRefusedAndChangesNothing() throws Exception {
        String body = bed.forum.webhookBody(koaPost());

        HttpResponse<String> r = deliver("post_created", "902", body, sign("not-the-secret", body));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(received).isEmpty();
        assertThat(interactions.firstSight(Discourse.SEEN_SCOPE + "https://discuss.openedx.org#902", bed.clock.instant(), Duration.ofDays(7)))
                .as("a refused delivery is not remembered").isTrue();
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() throws Exception {
        String body = bed.forum.webhookBody(koaPost());

        HttpResponse<String> r = deliver("post_created", "903", body.replace("amir", "mallory"), sign(ForumBed.SECRET, body));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(received).isEmpty();
    }

    @Test
    void aMissingSignatureIsRefused() throws Exception {
        HttpResponse<String> r = deliver("post_created", "904", bed.forum.webhookBody(koaPost()), null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(received).isEmpty();
    }

    @Test
    void aReplayedDeliveryIsAcknowledgedAndTakenOnce() throws Exception {
        String body = bed.forum.webhookBody(koaPost());
        String signature = sign(ForumBed.SECRET, body);

        assertThat(deliver("post_created", "905", body, signature).statusCode()).isEqualTo(200);
        bed.clock.advance(Duration.ofDays(2));
        HttpResponse<String> replay = deliver("post_created", "905", body, signature);

        assertThat(replay.statusCode()).as("so Discourse stops retrying").isEqualTo(200);
        assertThat(replay.body()).contains("already taken");
        assertThat(received).hasSize(1);
    }

    @Test
    void otherEventsAreAcknowledgedAndIgnored() throws Exception {
        FakeDiscourse.Post post = koaPost();
        String topic = bed.forum.webhookTopicBody(post);
        String ping = "{\"ping\":\"OK\"}";

        assertThat(deliver("topic_created", "906", topic, sign(ForumBed.SECRET, topic)).statusCode()).isEqualTo(200);
        assertThat(deliver("ping", "907", ping, sign(ForumBed.SECRET, ping)).statusCode()).isEqualTo(200);
        String edited = bed.forum.webhookBody(post);
        assertThat(deliver("post_edited", "908", edited, sign(ForumBed.SECRET, edited)).statusCode()).isEqualTo(200);

        assertThat(received).isEmpty();
    }

    @Test
    void anOversizedBodyIsRefusedUnread() throws Exception {
        String body = "{\"post\":{\"raw\":\"" + "x".repeat(DiscourseWebhook.MAX_BODY) + "\"}}";

        HttpResponse<String> r = deliver("post_created", "909", body, sign(ForumBed.SECRET, body));

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(received).isEmpty();
    }

    @Test
    void aSignedBodyThatIsNoPostIsABadRequest() throws Exception {
        String body = "{\"post\":{\"id\":\"x\"}}";

        assertThat(deliver("post_created", "910", body, sign(ForumBed.SECRET, body)).statusCode()).isEqualTo(400);
        assertThat(received).isEmpty();
    }

    @Test
    void theBotsOwnPostIsIgnored() throws Exception {
        koaPost();
        String body = bed.forum.webhookBody(bed.forum.reply(4022, 312, ForumBed.BOT, JAN_26.plusSeconds(60), "<p>Tracked</p>"));

        assertThat(deliver("post_created", "911", body, sign(ForumBed.SECRET, body)).statusCode()).isEqualTo(200);
        assertThat(received).isEmpty();
    }

    @Test
    void aFailureInsideIsA500WithoutAStackTrace() throws Exception {
        failWith = new IllegalStateException("database is locked at dev.btrbot.core.Secret");
        String body = bed.forum.webhookBody(koaPost());

        HttpResponse<String> r = deliver("post_created", "912", body, sign(ForumBed.SECRET, body));

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("dev.btrbot").doesNotContain("database is locked");
    }
}
