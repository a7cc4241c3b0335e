package dev.btrbot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.store.SqliteStore;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.TagRun;
import dev.btrbot.testing.TestGit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot dies during a tag run of two repositories — SIGKILL at random
 * moments, SIGKILL right after the first repository was tagged, SIGTERM — and
 * after every restart and retry the release is recorded tagged exactly when
 * every repository carries the tag on its signed commit. Real bot JVMs, the
 * real tag command, real repositories. ({@code bench/tag-kill-drill.sh} runs
 * many more rounds.)
 */
class TagKillDrillTest {
    @TempDir
    Path dir;

    @Test
    void killingTheBotAtRandomMomentsOfATagRunNeverLeavesARecordThatDisagreesWithTheRepositories() throws Exception {
        TagKillDrill drill = new TagKillDrill(dir);

        TagKillDrill.Figures figures = drill.drill(3, new Random(20261201), Duration.ofSeconds(1));

        assertThat(figures.violations()).as(figures.toString()).isEmpty();
        assertThat(figures.kills()).as(figures.toString()).isPositive();
        assertThat(figures.checks()).isEqualTo(6);
    }

    @Test
    void theBotKilledRightAfterTheFirstRepositoryIsTaggedLeavesNoHalfTaggedReleaseBehind() throws Exception {
        TagKillDrill drill = new TagKillDrill(dir);
        Path held = dir.resolve("held");
        Path go = dir.resolve("go");
        TestGit.executable(drill.b.resolve("hooks/pre-receive"),
                "#!/bin/sh\ntouch '" + held + "'\nwhile [ ! -e '" + go + "' ]; do sleep 0.05; done\n");
        Path db = drill.fresh(1);
        TagKillDrill.Bot bot = drill.startBot(db, "tag r1 --confirm\n");
        awaitFile(held);
        assertThat(drill.tags(drill.a)).containsEntry("r1", drill.signed.get(drill.a));

        bot.process().destroyForcibly();
        assertThat(bot.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        String restart = drill.converse(db, "tag r1 --confirm\n");
        assertThat(restart).contains("Tag run 1 of r1 (r1) is still running: its command (pid")
                .contains("outlived the bot that started it").contains("is already running: another run waits until it ends");
        assertThat(drill.tagged(db)).isFalse();

        Files.createFile(go);
        TagKillDrill.awaitEnd(restart);
        assertThat(drill.tags(drill.b)).as("the command went on without its bot").containsEntry("r1", drill.signed.get(drill.b));
        String settled = drill.converse(db, "status r1\n");

        assertThat(settled).contains("every repository carries r1 on its signed commit, so it is recorded as succeeded")
                .contains("r1 — tagged");
        assertThat(drill.violation(db)).isEmpty();
        assertThat(drill.retry(db)).contains("r1 is tagged already");
        assertThat(drill.violation(db)).isEmpty();
    }

    @Test
    void aSigtermStopsTheTagCommandAndLetsItRollBackBeforeTheBotExits() throws Exception {
        TagKillDrill drill = new TagKillDrill(dir);
        Path held = dir.resolve("held");
        Path hook = drill.b.resolve("hooks/pre-receive");
        TestGit.executable(hook, "#!/bin/sh\ntouch '" + held + "'\nwhile :; do sleep 0.05; done\n");
        Path db = drill.fresh(1);
        TagKillDrill.Bot bot = drill.startBot(db, "tag r1 --confirm\n");
        awaitFile(held);
        assertThat(drill.tags(drill.a)).containsEntry("r1", drill.signed.get(drill.a));

        bot.process().destroy(); // SIGTERM

        assertThat(bot.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(drill.tags(drill.a)).as("rolled back before the bot exited").isEmpty();
        assertThat(drill.tags(drill.b)).isEmpty();
        drill.converse(db, "status r1\n");
        TagRun run = SqliteStore.open(db).read(tx -> tx.tagRuns().forRelease(new ReleaseName("r1"))).get(0);
        assertThat(run.state()).as("recorded as it ended, or settled at the restart").isIn(TagRun.State.FAILED, TagRun.State.INTERRUPTED);
        assertThat(run.output()).contains("tagged file://" + drill.a).contains("rolled back file://" + drill.a);
        assertThat(drill.violation(db)).isEmpty();

        Files.delete(hook);
        assertThat(drill.retry(db)).contains("Tagging r1 as r1 succeeded");
        assertThat(drill.tagged(db)).isTrue();
        assertThat(drill.violation(db)).isEmpty();
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(file)) {
            assertThat(System.nanoTime()).as(file + " never appeared").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
