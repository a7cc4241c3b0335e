package dev.btrbot.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseState;
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

/** The dashboard's pages over the real Jetty: what a person sees, what a script gets, and what is never shown. */
class DashboardPagesTest {
    static final String XSS = "<img src=x onerror=alert(1)>";

    @TempDir
    Path dir;
    TestBot bot;
    WebServer web;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void koa2() throws Exception {
        bot = TestBot.builder(dir).build().withKoa2();
        bot.expectOk("release edit koa.2 --target 2021-02-15");
        bot.expectOk("status koa.2");
        bot.expectOk("blocker add koa.2 https://discuss.openedx.org/t/4132 --priority high --title \"" + XSS + "\"");
        bot.expectOk("blocker add koa.2 https://github.com/openedx/edx-platform/issues/26310 --title \"Login fails\"");
        bot.expectOk("blocker fix koa.2 1 configuration " + TestBot.sha('f'));
        bot.expectOk("@pierre: signoff koa.2 pass --env \"Ubuntu 20.04, native\"");
        web = new WebServer("127.0.0.1", 0, bot.bot, bot.wiring.dashboard());
        web.start();
    }

    @AfterEach
    void stop() throws Exception {
        web.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theReleasePageShowsTheGateQuorumCandidateAndBlockers() throws Exception {
        var r = get("/releases/koa.2");
        String page = r.body();

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(page).contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .contains("<link rel=\"stylesheet\" href=\"/static/btr.css\">").contains("<main id=\"main\">")
                .contains("<section class=\"banner nogo\"").contains("NO-GO: ")
                .contains("<li>Needs 1 more passing sign-off on candidate ")
                .contains("Passing sign-offs on this candidate: 1 of 2").contains("from manual-qa: 1 of 1")
                .contains("<a href=\"https://github.com/openedx/configuration/commit/" + TestBot.sha('a') + "\">configuration @ aaaaaaaaaa</a>")
                .contains("target 2021-02-15 (in 14 days)");
        // blockers: priority badge, untriaged marked, link, escaped title, fix commit and whether it is known on the branch
        assertThat(page).contains("<span class=\"badge p-high\">high</span>").contains("<span class=\"badge p-untriaged\">untriaged</span>")
                .contains("<a href=\"https://discuss.openedx.org/t/4132\">&lt;img src=x onerror=alert(1)&gt;</a>")
                .contains("<a href=\"https://github.com/openedx/edx-platform/issues/26310\">Login fails</a>")
                .contains("<a href=\"https://github.com/openedx/configuration/commit/" + TestBot.sha('f') + "\">configuration@ffffffffff</a>")
                .contains("not checked here").doesNotContain(XSS);
        // sign-offs, roles, the burndown with its text equivalent, the audit log
        assertThat(page).contains("<td>pierre</td><td>Ubuntu 20.04, native</td>").contains("yes, current candidate")
                .contains("<th scope=\"row\">tagger</th><td>adolfo</td>")
                .contains("<svg class=\"burndown\"").contains("<desc id=\"bd-desc\">").contains("<circle class=\"point\"")
                .contains("<summary>The burndown as a table</summary>").contains("<th scope=\"row\">2021-02-01</th><td>2</td>")
                .contains("sign-off (pass) by pierre").contains("<td>signoff.pass</td>");
    }

    @Test
    void everyAnswerForbidsScriptAndNamesNoServer() throws Exception {
        for (String path : new String[] {"/", "/releases/koa.2", "/releases/koa.9", "/releases/koa.2?format=json", "/no/such/page"}) {
            var r = get(path);
            assertThat(r.headers().firstValue("content-security-policy")).as(path)
                    .hasValue("default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
            assertThat(r.headers().firstValue("x-content-type-options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("server")).as(path).isEmpty();
            assertThat(r.body()).as(path).doesNotContain("Jetty").doesNotContain("<script").doesNotContain("style=");
        }
    }

    @Test
    void theStylesheetIsServedByTheBotAndCached() throws Exception {
        var r = get("/static/btr.css");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/css"));
        assertThat(r.headers().firstValue("cache-control")).hasValue("public, max-age=86400");
        assertThat(r.body()).contains(".banner.nogo").contains("@media").doesNotContain("@import").doesNotContain("url(");
    }

    @Test
    void anUnknownReleaseOrPathIsOurOwn404InHtmlOrJson() throws Exception {
        var html = get("/releases/koa.9");
        assertThat(html.statusCode()).isEqualTo(404);
        assertThat(html.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(html.body()).contains("<h1>Not found</h1>").contains("No release is named &#39;koa.9&#39;.").contains("href=\"/\"");

        var json = get("/releases/koa.9?format=json");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(new ObjectMapper().readTree(json.body()).path("error").asText()).contains("koa.9");

        for (String path : new String[] {"/releases/", "/releases", "/nothing-here", "/releases/%3Cscript%3E", "/releases/koa.2/more"}) {
            var r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).contains("<h1>Not found</h1>").doesNotContain("<script>").doesNotContain("Jetty");
        }
        assertThat(get("/releases/?format=json").headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }

    @Test
    void whatJettyAnswersItselfNamesNoServerEither() throws Exception {
        var post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/releases/koa.2"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.body()).doesNotContain("Jetty").doesNotContain("jetty");
        assertThat(post.headers().firstValue("server")).isEmpty();
        web.close();
        web = new WebServer("127.0.0.1", 0, bot.bot, bot.wiring.dashboard(), new WebServer.Options(false, 32));
        web.start();
        for (String path : new String[] {"/", "/releases/koa.2", "/releases/", "/static/btr.css"}) {
            var off = get(path);
            assertThat(off.statusCode()).as(path).isEqualTo(404);
            assertThat(off.body()).as(path).contains("404 Not Found").doesNotContain("Jetty").doesNotContain("jetty").doesNotContain("koa.2");
        }
    }

    @Test
    void theAuditLogIsNewestFirstAndPaged() throws Exception {
        bot.store.write(tx -> {
            for (int i = 1; i <= 120; i++) {
                tx.audit().record(Instant.parse("2021-02-01T10:00:00Z").plusSeconds(i), new MemberId("ned"), new ReleaseName("koa.2"),
                        "note.test", "event number " + i);
            }
            return null;
        });
        String first = get("/releases/koa.2").body();
        String second = get("/releases/koa.2?page=2").body();
        String beyond = get("/releases/koa.2?page=99").body();

        assertThat(first).contains("event number 120").doesNotContain("event number 70<").contains("page 1 of 3")
                .contains("<a rel=\"next\" href=\"/releases/koa.2?page=2#audit\">Older</a>");
        assertThat(first.indexOf("event number 120")).isLessThan(first.indexOf("event number 119"));
        assertThat(second).contains("event number 70<").contains("page 2 of 3").contains("rel=\"prev\"").contains("rel=\"next\"");
        assertThat(beyond).contains("page 3 of 3").contains("release.create");
        assertThat(get("/releases/koa.2?page=x").statusCode()).isEqualTo(200);
    }

    @Test
    void theIndexListsActiveReleasesFirstWithTheirGateAndRecentOnesBelow() throws Exception {
        bot.git.head("openedx/other", TestBot.sha('d'));
        bot.expectOk("release create juniper.1 --branch open-release/juniper.master --repos openedx/other");
        bot.store.write(tx -> {
            tx.releases().setState(new ReleaseName("juniper.1"), ReleaseState.TAGGED);
            return null;
        });
        String index = get("/").body();

        assertThat(index).contains("<h1>Releases</h1>").contains("<a href=\"/releases/koa.2\">koa.2</a>")
                .contains("<span class=\"badge nogo\">NO-GO</span>").contains("2021-02-15 (in 14 days)").contains("1 high, 1 untriaged")
                .contains("<svg class=\"spark\"").contains("<a href=\"/releases/juniper.1\">juniper.1</a> — tagged");
        assertThat(index.indexOf("koa.2")).isLessThan(index.indexOf("juniper.1"));
    }
}
