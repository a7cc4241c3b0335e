package dev.btrbot.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.testing.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard needs no login: it can be turned off, and what it shows names no ids, channels, notes or errors. */
class DashboardExposureTest {
    static final String NOTE = "tested on build-7.internal.example.org";
    static final String GITHUB_ERROR = "401 Bad credentials for token ghp_…";

    @TempDir
    Path dir;
    TestBot bot;
    WebServer web;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void koa2() {
        bot = TestBot.builder(dir).build();
        bot.git.head("openedx/configuration", TestBot.sha('a'));
        bot.expectOk("release create koa.2 --branch open-release/koa.master --repos openedx/configuration --channel G0PRIVATE1");
        bot.expectOk("role assign koa.2 manual-qa <@U2CERLKJA|pierre.dupont>");
        bot.expectOk("role assign koa.2 tagger <@U0ADOLFO1|adolfo>");
        bot.expectOk("@U2CERLKJA: signoff koa.2 pass --env docker " + NOTE);
        bot.expectOk("@U0SOFIANE: signoff koa.2 fail");
        bot.expectOk("@U0ADOLFO1: hold koa.2 \"waiting for the\nsecurity fix\"");
        bot.store.write(tx -> {
            tx.syncState().failed(new ReleaseName("koa.2"), Instant.parse("2021-02-01T08:00:00Z"), GITHUB_ERROR);
            return null;
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (web != null) {
            web.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDashboardShowsDisplayNamesAndNoChannelNotesOrErrors() throws Exception {
        web = new WebServer("127.0.0.1", 0, bot.bot, bot.wiring.dashboard());
        web.start();
        String page = get("/releases/koa.2").body();
        String json = get("/releases/koa.2?format=json").body();

        assertThat(page).contains("<span class=\"badge pass\">pass</span></td><td>pierre.dupont</td><td>docker</td>")
                .contains("<th scope=\"row\">manual-qa</th><td>pierre.dupont</td>")
                .contains("On hold by adolfo: waiting for the ⏎ security fix").contains("GitHub unreachable since")
                .contains("U0SOFIANE failed the install");                // no display name known: the id
        for (String shown : new String[] {page, json}) {
            assertThat(shown).doesNotContain("U2CERLKJA").doesNotContain("U0ADOLFO1").doesNotContain("G0PRIVATE1")
                    .doesNotContain(NOTE).doesNotContain("Bad credentials").doesNotContain("<br>");
        }
        var doc = new ObjectMapper().readTree(json);
        assertThat(doc.at("/release/channel").isNull()).isTrue();
        assertThat(doc.path("signOffs").findValuesAsText("member")).containsExactlyInAnyOrder("pierre.dupont", "U0SOFIANE");
        assertThat(doc.path("signOffs").findValuesAsText("notes")).containsOnly("");
        assertThat(doc.at("/github/lastError").isNull()).isTrue();
        // members see it all in chat (members by the names their platform gives them, as everywhere in chat)
        assertThat(bot.exec("status koa.2 --stored")).contains("pierre.dupont").contains(NOTE).contains(GITHUB_ERROR);
        assertThat(bot.exec("status koa.2 --stored --json")).contains("U2CERLKJA");
    }

    @Test
    void turnedOffTheDashboardPathsAre404AndHealthStays() throws Exception {
        web = new WebServer("127.0.0.1", 0, bot.bot, bot.wiring.dashboard(), new WebServer.Options(false, 32));
        web.start();

        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(get("/releases/koa.2").statusCode()).isEqualTo(404);
        assertThat(get("/releases/koa.2?format=json").statusCode()).isEqualTo(404);
        assertThat(get("/releases/koa.2").body()).doesNotContain("koa.2 —");
        assertThat(get("/healthz").body()).isEqualTo("ok\n");
    }

    @Test
    void theRedactedViewIsOnlyOfTheStoredData() {
        assertThat(bot.reply("status koa.2 --redacted").title()).isEqualTo("--redacted is a view of the stored data: add --stored.");
    }
}
