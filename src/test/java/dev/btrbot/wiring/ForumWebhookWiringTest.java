package dev.btrbot.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.web.WebServer;
import dev.btrbot.config.BotConfig;
import dev.btrbot.core.Interactions;
import dev.btrbot.testing.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} mounts the forum's webhook from the configuration: only with a secret, and only signed deliveries pass. */
class ForumWebhookWiringTest {
    @TempDir
    Path dir;

    private static int post(WebServer web, String body, String signature) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/discourse/webhook"))
                .header("X-Discourse-Event", "ping").header("X-Discourse-Event-Id", "1").header("X-Discourse-Event-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theWebhookIsServedWithASecretAndTakesOnlySignedDeliveries() throws Exception {
        TestBot bot = TestBot.builder(dir).build();
        BotConfig config = BotConfig.fromEnvironment(Map.of("BTR_DISCOURSE_URL", "https://discuss.example.org",
                "BTR_DISCOURSE_WEBHOOK_SECRET", "hook-secret"));
        try (WebServer web = new WebServer("127.0.0.1", 0, null, null, new WebServer.Options(false, 0));
             Interactions interactions = bot.wiring.interactions()) {
            assertThat(Production.serveForumWebhook(config, bot.wiring, interactions, web)).isTrue();
            web.start();

            assertThat(post(web, "{\"ping\":\"OK\"}", sign("hook-secret", "{\"ping\":\"OK\"}"))).isEqualTo(200);
            assertThat(post(web, "{\"ping\":\"OK\"}", sign("guess", "{\"ping\":\"OK\"}"))).isEqualTo(401);
        }
    }

    @Test
    void withoutASecretThereIsNoWebhook() throws Exception {
        TestBot bot = TestBot.builder(dir).build();
        BotConfig config = BotConfig.fromEnvironment(Map.of("BTR_DISCOURSE_URL", "https://discuss.example.org"));
        try (WebServer web = new WebServer("127.0.0.1", 0, null, null, new WebServer.Options(false, 0));
             Interactions interactions = bot.wiring.interactions()) {
            assertThat(Production.serveForumWebhook(config, bot.wiring, interactions, web)).isFalse();
            web.start();

            assertThat(post(web, "{}", sign("anything", "{}"))).as("no servlet there: Jetty's own not-found or not-allowed").isIn(404, 405);
        }
    }
}
