package dev.btrbot.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.testing.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /healthz} says which replica leads, on a line after its status, and leading or not never makes it fail. */
class HealthLeaderNoteTest {
    @TempDir
    Path dir;

    @Test
    void healthzSaysWhetherThisReplicaLeadsWithoutChangingItsStatus() throws Exception {
        AtomicReference<String> note = new AtomicReference<>("leader: this replica (a:1)");
        AtomicReference<Optional<String>> problem = new AtomicReference<>(Optional.empty());
        TestBot bot = TestBot.builder(dir).build();
        try (WebServer web = new WebServer("127.0.0.1", 0, bot.bot, bot.wiring.dashboard())) {
            web.healthNote(note::get);
            web.healthCheck(problem::get);
            web.start();
            assertThat(get(web)).satisfies(r -> assertThat(r.statusCode()).isEqualTo(200))
                    .satisfies(r -> assertThat(r.body()).isEqualTo("ok\nleader: this replica (a:1)\n"));
            note.set("leader: a:1; this replica (b:2) stands by");
            assertThat(get(web)).satisfies(r -> assertThat(r.statusCode()).isEqualTo(200))
                    .satisfies(r -> assertThat(r.body()).isEqualTo("ok\nleader: a:1; this replica (b:2) stands by\n"));
            problem.set(Optional.of("Slack rejected the bot token"));
            assertThat(get(web)).satisfies(r -> assertThat(r.statusCode()).isEqualTo(503))
                    .satisfies(r -> assertThat(r.body()).isEqualTo("Slack rejected the bot token\nleader: a:1; this replica (b:2) stands by\n"));
        }
    }

    private static HttpResponse<String> get(WebServer web) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
