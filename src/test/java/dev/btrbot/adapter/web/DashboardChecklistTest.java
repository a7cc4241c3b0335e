package dev.btrbot.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.domain.ChecklistTemplate;
import dev.btrbot.domain.RoleName;
import dev.btrbot.testing.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release page shows the checklist: each item ticked (by whom, when) or open with its owner; text escaped, notes left in chat. */
class DashboardChecklistTest {
    static final String XSS = "<img src=x onerror=alert(1)>";

    @TempDir
    Path dir;
    TestBot bot;
    WebServer web;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void koa2() throws Exception {
        ChecklistTemplate template = new ChecklistTemplate(List.of(
                new ChecklistTemplate.Entry("native-install", "installed the rc with the native installation instructions", RoleName.MANUAL_QA),
                new ChecklistTemplate.Entry("hostile", "reviewed " + XSS + " & \"quotes\"", RoleName.NOTES_REVIEWER)));
        bot = TestBot.builder(dir).checklist(template).build().withKoa2();
        bot.expectOk("@pierre: check koa.2 native-install private note " + XSS);
        web = new WebServer("127.0.0.1", 0, bot.bot, bot.wiring.dashboard());
        web.start();
    }

    @AfterEach
    void stop() throws Exception {
        web.close();
    }

    @Test
    void theReleasePageShowsTheChecklistEscapedAndWithoutNotes() throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/releases/koa.2")).build(),
                HttpResponse.BodyHandlers.ofString());
        String page = r.body();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(page).contains("<h2 id=\"checklist\">Checklist (1 of 2 open)</h2>")
                .contains("<td>installed the rc with the native installation instructions <code>native-install</code></td><td>manual-qa: pierre</td>"
                        + "<td><span class=\"badge pass\">checked</span> by pierre at 2021-02-01T09:00:00Z</td>")
                .contains("<td>reviewed &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; <code>hostile</code></td>"
                        + "<td>notes-reviewer: nobody yet</td><td><span class=\"badge fail\">open</span></td>")
                .contains("<li>Checklist: &#39;reviewed &lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain(XSS).doesNotContain("private note");
    }
}
