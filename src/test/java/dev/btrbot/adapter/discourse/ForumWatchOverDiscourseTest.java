package dev.btrbot.adapter.discourse;

import static dev.btrbot.adapter.discourse.ForumBed.JAN_26;
import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.web.WebServer;
import dev.btrbot.testing.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The koa.2 story end to end on the real parts: the Discourse client reading a fake Discourse held to Discourse's
 * schemas, the signed webhook on the real web server, and the bot's real forum watch on a SQLite file. A report of a
 * broken install reaches the triager within the hour, once, whichever way it arrived.
 */
class ForumWatchOverDiscourseTest {
    @TempDir
    Path dir;
    final ForumBed bed = new ForumBed();
    WebServer web;

    @AfterEach
    void stop() throws Exception {
        if (web != null) {
            web.close();
        }
        bed.close();
    }

    TestBot bot() {
        Discourse discourse = bed.discourse();
        return TestBot.builder(dir).clock(bed.clock).forum(discourse.source(), discourse.replies().orElseThrow()).build().withKoa2();
    }

    @Test
    void aForumPostNamingKoa2OnJan26IsPolledAndTheTriagerIsPingedTheSameHour() {
        TestBot bot = bot();
        bed.forum.topic(4021, 312, "Koa.2 does not install", "amir", JAN_26.plus(Duration.ofMinutes(12)),
                "<p>The native installation of koa.2 fails: <code>mysql</code> does not start.</p>", 12);
        bed.clock.advance(Duration.ofMinutes(15));

        bot.tick();

        assertThat(bot.chat.toldTo("tina")).singleElement().asString().contains("Koa.2 does not install")
                .contains(bed.forum.url() + "/t/koa-2-does-not-install/312/1");
        assertThat(bot.exec("forum reports koa.2")).contains("#1 untriaged").contains("by amir")
                .contains("The native installation of koa.2 fails: mysql does not start.").doesNotContain("<code>");
    }

    @Test
    void aPostDeliveredByTheWebhookAndThenPolledMakesOneReportAndOnePing() throws Exception {
        TestBot bot = bot();
        web = new WebServer("127.0.0.1", 0, null, null, new WebServer.Options(false, 0));
        web.mount(Discourse.WEBHOOK_PATH, bed.discourse().webhook(bot.wiring.forumIntake(), bot.wiring.interactions()::firstSight));
        web.start();
        FakeDiscourse.Post post = bed.forum.topic(4021, 312, "Koa.2 does not install", "amir", JAN_26.plus(Duration.ofMinutes(5)),
                "<p>tutor local launch fails on koa.2</p>", 12);
        String body = bed.forum.webhookBody(post);
        HttpRequest delivery = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + Discourse.WEBHOOK_PATH))
                .header("Content-Type", "application/json").header("X-Discourse-Instance", "https://discuss.openedx.org")
                .header("X-Discourse-Event-Type", "post").header("X-Discourse-Event", "post_created")
                .header("X-Discourse-Event-Id", "77").header("X-Discourse-Event-Signature", DiscourseWebhookTest.sign(ForumBed.SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpClient client = HttpClient.newHttpClient();

        assertThat(client.send(delivery, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(bot.exec("forum reports koa.2")).contains("#1 untriaged").contains("Koa.2 does not install");
        assertThat(client.send(delivery, HttpResponse.BodyHandlers.ofString()).statusCode()).as("a replay").isEqualTo(200);
        bed.clock.advance(Duration.ofMinutes(10));
        bot.tick();

        assertThat(bot.exec("forum reports koa.2 --all")).contains("#1 ").doesNotContain("#2 ");
        assertThat(bot.chat.toldTo("tina")).as("pinged once, when the webhook brought it").hasSize(1);
    }
}
