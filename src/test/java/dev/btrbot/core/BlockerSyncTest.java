package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.core.port.BlockerSource;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync use case over a fake issue source: one sync per release at a time, dropped-out issues, renamed labels. */
class BlockerSyncTest {
    @TempDir
    Path dir;

    /** Answers what it holds; can be made to wait inside a fetch. */
    static final class FakeSource implements BlockerSource {
        volatile List<Issue> issues = List.of();
        volatile boolean incomplete;
        volatile CountDownLatch entered;
        volatile CountDownLatch proceed;

        @Override
        public Fetch issues(Query query) {
            if (proceed != null) {
                entered.countDown();
                try {
                    proceed.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new Fetch(issues, List.of(), List.of(), incomplete);
        }

        @Override
        public Fixes fixes(List<Issue> justClosed, List<Issue> unknown) {
            return new Fixes(Map.of(), List.of());
        }
    }

    static BlockerSource.Issue issue(int n, String label, boolean open) {
        Instant t = Instant.parse("2021-01-20T10:00:00Z");
        return new BlockerSource.Issue(new RepoRef("openedx/configuration"), "openedx/configuration", n, "issue " + n,
                "https://github.com/openedx/configuration/issues/" + n, List.of(label), List.of(), open, t, t, open ? null : t);
    }

    TestBot bot(FakeSource source) {
        TestBot bot = TestBot.builder(dir).github(source, (repo, sha, names) -> List.of()).build();
        bot.git.head("openedx/configuration", TestBot.sha('a'));
        bot.expectOk("release create koa.2 --branch b --repos openedx/configuration --label affects:koa");
        return bot;
    }

    @Test
    void aSecondSyncOfTheSameReleaseIsRefusedWhileOneRuns() throws Exception {
        FakeSource source = new FakeSource();
        source.issues = List.of(issue(1, "priority:high", true));
        source.entered = new CountDownLatch(1);
        source.proceed = new CountDownLatch(1);
        TestBot bot = bot(source);

        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> bot.exec("sync koa.2"));
        assertThat(source.entered.await(10, TimeUnit.SECONDS)).isTrue();
        var second = bot.reply("sync koa.2");
        source.proceed.countDown();

        assertThat(second.isError()).isTrue();
        assertThat(second.title()).contains("A sync of koa.2 is already running");
        assertThat(first.get(10, TimeUnit.SECONDS)).contains("1 new");
        source.proceed = null;
        assertThat(bot.expectOk("sync koa.2")).as("the claim is released after the sync").contains("Nothing changed");
    }

    @Test
    void aClaimLeftByACrashedProcessIsTakenOverWhenStale() {
        FakeSource source = new FakeSource();
        TestBot bot = bot(source);
        var koa = new dev.btrbot.domain.ReleaseName("koa.2");
        bot.store.write(tx -> tx.syncState().claim(koa, "dead-host:1", bot.clock.instant(), Instant.EPOCH));

        assertThat(bot.reply("sync koa.2").title()).contains("already running");
        bot.clock.advance(Duration.ofMinutes(11));
        assertThat(bot.reply("sync koa.2").isError()).isFalse();
    }

    @Test
    void anIssueThatLosesTheLabelNoLongerBlocksButAnEmptyAnswerChangesNothing() {
        FakeSource source = new FakeSource();
        source.issues = List.of(issue(1, "priority:high", true), issue(2, "priority:high", true));
        TestBot bot = bot(source);
        bot.expectOk("sync koa.2");

        source.issues = List.of(issue(1, "priority:high", true));
        assertThat(bot.expectOk("sync koa.2")).contains("1 no longer in label 'affects:koa'");

        source.issues = List.of();
        String reply = bot.expectOk("sync koa.2");
        assertThat(reply).contains("No issue carries label 'affects:koa' any more (renamed or deleted?)");
        assertThat(bot.exec("blockers koa.2")).contains("issue 1");
    }

    @Test
    void theDailySummaryNamesWhoIsAssignedToEachSyncedBlocker() {
        FakeSource source = new FakeSource();
        Instant t = Instant.parse("2021-01-20T10:00:00Z");
        source.issues = List.of(new BlockerSource.Issue(new RepoRef("openedx/configuration"), "openedx/configuration", 7,
                "mysql client", "https://github.com/openedx/configuration/issues/7", List.of("priority:high"), List.of("nedbat"),
                true, t, t, null), issue(8, "priority:high", true));
        TestBot bot = bot(source);
        bot.expectOk("sync koa.2");
        bot.expectOk("summary koa.2");
        String summary = dev.btrbot.adapter.render.TextRenderer.render(bot.chat.posts.get(bot.chat.posts.size() - 1).message());
        assertThat(summary).contains("mysql client").contains("assigned to @nedbat").contains("issue 8").contains("unassigned");
    }

    @Test
    void aPartialAnswerClosesNoBlockerItLeftOutAndStatusSaysSoUntilACompleteOne() {
        FakeSource source = new FakeSource();
        source.issues = List.of(issue(1, "priority:high", true), issue(2, "priority:high", true));
        TestBot bot = bot(source);
        bot.expectOk("sync koa.2");
        source.issues = List.of(issue(1, "priority:high", true));
        source.incomplete = true;
        bot.clock.advance(Duration.ofMinutes(5));

        String reply = bot.expectOk("sync koa.2");

        assertThat(reply).contains("GitHub returned a partial result at 2021-02-01T09:05:00Z").doesNotContain("no longer in");
        assertThat(bot.exec("status koa.2")).contains("GitHub returned a partial result at 2021-02-01T09:05:00Z", "is open: issue 2");
        assertThat(bot.exec("status koa.2 --json")).contains("\"partialAt\" : \"2021-02-01T09:05:00Z\"");
        source.issues = List.of();
        assertThat(bot.expectOk("sync koa.2")).as("an empty partial answer keeps everything too").doesNotContain("no longer in");
        assertThat(bot.exec("blockers koa.2")).contains("issue 1", "issue 2");

        source.incomplete = false;
        source.issues = List.of(issue(1, "priority:high", true));
        assertThat(bot.expectOk("sync koa.2")).contains("1 no longer in label 'affects:koa'");
        assertThat(bot.exec("status koa.2")).doesNotContain("partial result");
    }
}
