package dev.btrbot.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
        bot = TestBot.builder(dir).build().withKoa2();
        bot.expectOk("blocker add koa.2 https://discuss.openedx.org/t/4132 --title \"<script>alert(1)</script>\"");
        web = new WebServer("127.0.0.1", 0, bot.bot, bot.wiring.dashboard());
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
        assertThat(get("/").body()).contains("<a href=\"/releases/koa.2\">koa.2</a> <span class=\"state\">planning</span>");
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

    @Test
    void dashboardReadsOnlyTheStoreNeverGitAndRecordsNothing() throws Exception {
        String seen = bot.expectOk("status koa.2");
        bot.git.head("openedx/edx-platform", TestBot.sha('c'));
        int reads = bot.git.headReads.get();
        String audit = bot.exec("audit koa.2 --json");

        var page = get("/releases/koa.2");
        var json = get("/releases/koa.2?format=json");
        get("/");

        assertThat(bot.git.headReads.get()).isEqualTo(reads);
        assertThat(bot.exec("audit koa.2 --json")).isEqualTo(audit);
        assertThat(page.body()).contains("when the bot first saw this candidate").contains("edx-platform @ bbbbbbbbbb")
                .doesNotContain("cccccccccc").doesNotContain("Passed install");
        var doc = new ObjectMapper().readTree(json.body());
        assertThat(doc.path("view").asText()).isEqualTo("stored");
        assertThat(doc.path("asOf").asText()).isEqualTo(doc.path("candidate").path("firstSeen").asText()).isNotEmpty();
        assertThat(doc.path("candidate").path("heads").toString()).contains(TestBot.sha('b')).doesNotContain(TestBot.sha('c'));
        assertThat(seen).contains("bbbbbbbbbb");
    }

    @Test
    void dashboardGateStaysShutWhenABlockerNamesAFixItDidNotCheck() throws Exception {
        bot.expectOk("status koa.2");
        bot.expectOk("blocker fix koa.2 1 configuration " + TestBot.sha('f'));
        var doc = new ObjectMapper().readTree(get("/releases/koa.2?format=json").body());
        assertThat(doc.path("gate").path("open").asBoolean()).isFalse();
        assertThat(doc.path("gate").path("unmet").toString()).contains("Backports are not checked in this view ('status koa.2' checks them).");
        assertThat(get("/releases/koa.2").body()).contains("NO-GO").contains("Backports are not checked in this view");
    }
}
