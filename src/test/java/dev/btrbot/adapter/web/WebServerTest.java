package dev.btrbot.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.testing.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Jetty on a loopback port. */
class WebServerTest {
    @TempDir
    Path dir;
    TestBot bot;
    WebServer web;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        bot = new TestBot(dir).withKoa2();
        bot.expectOk("blocker add koa.2 https://discuss.openedx.org/t/4132 --title \"<script>alert(1)</script>\"");
        web = new WebServer("127.0.0.1", 0, bot.bot);
        web.start();
    }

    @AfterEach
    void stop() throws Exception {
        web.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswersOk() throws Exception {
        var r = get("/healthz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok\n");
    }

    @Test
    void dashboardShowsAReleaseWithEverythingEscaped() throws Exception {
        var r = get("/releases/koa.2");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("koa.2 — planning").contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        assertThat(get("/").body()).contains("koa.2 — planning");
    }

    @Test
    void dashboardServesStatusJson() throws Exception {
        var r = get("/releases/koa.2?format=json");
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.body()).contains("\"name\" : \"koa.2\"");
    }

    @Test
    void unknownOrMalformedReleasesAre404() throws Exception {
        assertThat(get("/releases/koa.9").statusCode()).isEqualTo(404);
        assertThat(get("/releases/%3Cscript%3E").statusCode()).isEqualTo(404);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }
}
