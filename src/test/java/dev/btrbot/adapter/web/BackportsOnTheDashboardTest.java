package dev.btrbot.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.core.port.BackportSource;
import dev.btrbot.domain.PullRequestRef;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release page shows the backport queue from the store: the pending count, the oldest, each pending one, escaped. */
class BackportsOnTheDashboardTest {
    @TempDir
    Path dir;

    @Test
    void theReleasePageShowsThePendingBackportsAndTheOldest() {
        RepoRef conf = new RepoRef("openedx/configuration");
        BackportSource twoLabelled = request -> new BackportSource.Found(List.of(
                new BackportSource.Change(new PullRequestRef(conf, 6213), "Fix <nginx> config", "alice", new Sha("c".repeat(40)),
                        Instant.parse("2021-01-11T08:00:00Z"), "label 'backport koa'"),
                new BackportSource.Change(new PullRequestRef(conf, 6300), "Newer fix", "bob", new Sha("d".repeat(40)),
                        Instant.parse("2021-01-30T08:00:00Z"), "label 'backport koa'")), List.of());
        TestBot bot = TestBot.builder(dir).backportSource(twoLabelled).build().withKoa2();
        bot.expectOk("sync koa.2");

        String html = ReleasePageHtml.render(bot.wiring.dashboard().release("koa.2", 1).orElseThrow());

        assertThat(html).contains("<h2 id=\"backports\">Backports (2 pending)</h2>")
                .contains("2 backports pending, oldest openedx/configuration#6213 merged 21 days ago.")
                .contains("openedx/configuration#6213 &#39;Fix &lt;nginx&gt; config&#39;, merged 21 days ago (label &#39;backport koa&#39;)")
                .contains("Backport pending: openedx/configuration#6213").doesNotContain("<nginx>");
    }
}
