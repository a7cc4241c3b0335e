package dev.btrbot.core;

import static dev.btrbot.testing.TestBot.sha;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.TagRun;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tag run is recorded as what the repositories carry, not as what the
 * command said; a run whose bot died is followed while its command lives and
 * settled from the repositories once it has ended; a confirmation runs once.
 */
class TagRunTruthTest {
    private static final String CONFIGURATION = "https://github.com/openedx/configuration.git";
    private static final String PLATFORM = "https://github.com/openedx/edx-platform.git";

    @TempDir
    Path dir;
    TestBot bot;

    @BeforeEach
    void koa2WithAQuorum() {
        bot = TestBot.builder(dir).build().withKoa2();
        bot.expectOk("@pierre: signoff koa.2 pass --env native");
        bot.expectOk("@sofiane: signoff koa.2 pass --env docker");
    }

    @Test
    void aCommandThatSaysItSucceededWhileARepositoryLacksTheTagIsRecordedPartial() {
        bot.tagger.stopAfter(1); // exits 0, but only configuration carries the tag

        var reply = bot.reply("@adolfo: tag koa.2 --confirm");

        assertThat(reply.isError()).isTrue();
        assertThat(bot.exec("@adolfo: tag koa.2")).doesNotContain("is tagged already");
        String text = dev.btrbot.adapter.render.TextRenderer.render(reply);
        assertThat(text).contains("Tagging koa.2 as koa.2 is PARTIAL")
                .contains("The command reported success, but the repositories disagree")
                .contains("✅ configuration carries koa.2 on aaaaaaaaaa (the signed commit)")
                .contains("❌ edx-platform has no tag koa.2 (signed commit bbbbbbbbbb)")
                .contains("Repair: run 'tag koa.2 --confirm' again");
        assertThat(bot.exec("status koa.2")).contains("koa.2 — testing").contains("koa.2 (final) PARTIAL")
                .contains("❌ edx-platform has no tag koa.2");
        assertThat(bot.exec("announce koa.2")).contains("no successful tag yet");
        assertThat(bot.exec("audit koa.2")).contains("tag.final.partial");
        JsonNode run = json("status koa.2 --json").at("/tagRuns/0");
        assertThat(run.at("/state").asText()).isEqualTo("partial");
        assertThat(run.at("/repos/0/carried").asBoolean()).isTrue();
        assertThat(run.at("/repos/1/found").isNull()).isTrue();
    }

    @Test
    void aPartialRunIsCompletedByRunningTheCommandAgain() {
        bot.tagger.stopAfter(1);
        bot.tagger.failWith(1);
        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("is PARTIAL");
        bot.tagger.failWith(0);

        assertThat(bot.expectOk("@adolfo: tag koa.2 --confirm")).contains("Tagging koa.2 as koa.2 succeeded")
                .contains("every repository carries koa.2 on its signed commit");
        assertThat(bot.exec("status koa.2")).contains("koa.2 — tagged");
    }

    @Test
    void aRunThatLeftNoTagIsFailedAndNamesEachRepository() {
        bot.tagger.failWith(1);

        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("Tagging koa.2 as koa.2 failed")
                .contains("❌ configuration has no tag koa.2").contains("❌ edx-platform has no tag koa.2");
        assertThat(json("status koa.2 --json").at("/tagRuns/0/state").asText()).isEqualTo("failed");
    }

    @Test
    void aRepositoryThatCannotBeReadAfterTheRunKeepsItFromCountingAsTagged() {
        bot.tagger.whileRunning(() -> bot.tagger.unreadable("could not resolve host: github.com"));

        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("is PARTIAL")
                .contains("configuration could not be read: could not resolve host: github.com");
        assertThat(bot.exec("status koa.2")).contains("koa.2 — testing");
    }

    @Test
    void aRunWhoseBotDiedBlocksAnotherWhileItsCommandLivesAndIsSettledFromTheRepositoriesWhenItEnds() {
        TagRun.Launch orphan = orphanedRun();
        bot.tagger.keepRunning(orphan);

        assertThat(bot.wiring.recovery().settleOrphanedTagRuns("test-host")).singleElement().asString()
                .contains("Tag run 1 of koa.2 (koa.2) is still running: its command (pid 31337 on test-host) outlived the bot")
                .contains("kill -TERM -- -31337");
        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("Tag run 1 of koa.2").contains("is already running")
                .contains("its command is pid 31337 on test-host");
        assertThat(bot.exec("status koa.2")).contains("koa.2 (final) running").contains("its command is pid 31337 on test-host");
        assertThat(bot.tagger.requests).isEmpty();

        // the orphan finishes its work: both repositories carry the tag, then it ends
        bot.tagger.setTag(CONFIGURATION, "koa.2", sha('a'));
        bot.tagger.setTag(PLATFORM, "koa.2", sha('b'));
        bot.tagger.end(orphan);

        assertThat(bot.exec("status koa.2")).contains("koa.2 — tagged")
                .contains("Tag run 1 of koa.2 (koa.2) was cut off by a crash, but its command finished");
        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("is tagged already");
        assertThat(bot.exec("audit koa.2")).contains("tag.final.succeeded").contains("its command pid 31337 on test-host has ended");
        bot.expectOk("notes koa.2 approve");
        assertThat(bot.expectOk("announce koa.2")).contains("koa.2 is released as koa.2");
        assertThat(bot.tagger.requests).as("never re-run").isEmpty();
    }

    @Test
    void aRunWhoseBotDiedHalfWayIsSettledPartialAndRepairedByTheNextRun() {
        TagRun.Launch orphan = orphanedRun();
        bot.tagger.setTag(CONFIGURATION, "koa.2", sha('a'));

        assertThat(bot.wiring.recovery().settleOrphanedTagRuns("test-host")).singleElement().asString()
                .contains("Tag run 1 of koa.2 (koa.2) was cut off by a crash; it is not re-run. It is PARTIAL")
                .contains("edx-platform has no tag koa.2");
        assertThat(bot.tagger.check(orphan)).isEqualTo(dev.btrbot.core.port.Tagger.Liveness.ENDED);
        assertThat(bot.exec("status koa.2")).contains("koa.2 (final) PARTIAL").contains("Repair: run 'tag koa.2 --confirm' again");

        assertThat(bot.expectOk("@adolfo: tag koa.2 --confirm")).contains("succeeded");
        assertThat(bot.exec("status koa.2")).contains("koa.2 — tagged");
    }

    @Test
    void aRunWhoseBotDiedBeforeItsCommandStartedIsInterruptedWhenNothingCarriesTheTag() {
        startedRunOfADeadBot();

        assertThat(bot.wiring.recovery().settleOrphanedTagRuns("test-host")).singleElement().asString()
                .isEqualTo("Tag run 1 of koa.2 (koa.2) was interrupted by a crash; it is not re-run. No repository carries koa.2."
                        + " Run 'tag koa.2 --confirm' again if needed.");
        assertThat(json("status koa.2 --json").at("/tagRuns/0/state").asText()).isEqualTo("interrupted");
    }

    @Test
    void statusSaysLoudlyWhenATagOfATaggedReleaseHasGone() {
        bot.expectOk("@adolfo: tag koa.2 --confirm");
        assertThat(bot.exec("status koa.2")).doesNotContain("MISSING");
        assertThat(json("status koa.2 --json").at("/tagCheck/intact").asBoolean()).isTrue();

        bot.tagger.setTag(PLATFORM, "koa.2", null);
        bot.tagger.setTag(CONFIGURATION, "koa.2", sha('c'));

        assertThat(bot.exec("status koa.2")).startsWith("koa.2 — tagged — BUT A TAG IS MISSING")
                .contains("⚠ TAG MISSING").contains("❌ edx-platform has no tag koa.2 (signed commit bbbbbbbbbb)")
                .contains("❌ configuration: koa.2 is on cccccccccc, not on the signed commit aaaaaaaaaa");
        JsonNode check = json("status koa.2 --json").at("/tagCheck");
        assertThat(check.at("/intact").asBoolean()).isFalse();
        assertThat(check.at("/repos/1/found").isNull()).isTrue();
        assertThat(bot.exec("status koa.2 --stored")).as("the stored view reads no git").doesNotContain("MISSING");
    }

    @Test
    void aConfirmationRunsTheTagCommandOnceAndTheNextRunNeedsAFreshOne() {
        String plan = bot.expectOk("@adolfo: tag koa.2");
        String button = plan.replaceAll("(?s).*\\[Tag koa.2\\] (tag koa.2 --confirm --candidate [0-9a-f]+ --attempt 1).*", "$1");
        assertThat(button).endsWith("--attempt 1");
        bot.tagger.failWith(1);
        assertThat(bot.exec("@adolfo: " + button)).contains("failed");

        assertThat(bot.exec("@adolfo: " + button)).contains("a confirmation runs the tag command once").contains("nothing was tagged");
        assertThat(bot.tagger.requests).hasSize(1);

        bot.tagger.failWith(0);
        String fresh = bot.expectOk("@adolfo: tag koa.2").replaceAll("(?s).*\\[Tag koa.2\\] (tag koa.2 --confirm [^\\n]+).*", "$1");
        assertThat(fresh).endsWith("--attempt 2");
        assertThat(bot.expectOk("@adolfo: " + fresh)).contains("succeeded");
        assertThat(bot.tagger.requests).hasSize(2);
    }

    /** A final run recorded as started by a bot process that is gone, its command launched as pid 31337 on this host. */
    private TagRun.Launch orphanedRun() {
        TagRun run = startedRunOfADeadBot();
        TagRun.Launch launch = new TagRun.Launch("test-host", 31337, "4711", null);
        bot.store.write(tx -> {
            tx.tagRuns().launched(run.id(), launch);
            return null;
        });
        return launch;
    }

    private TagRun startedRunOfADeadBot() {
        String candidate = json("status koa.2 --json").at("/candidate/id").asText();
        long deadPid = 4_194_305; // above the kernel's largest pid: no process has it
        return bot.store.write(tx -> tx.tagRuns().start(new ReleaseName("koa.2"), candidate, TagRun.Kind.FINAL, "koa.2",
                new MemberId("adolfo"), bot.clock.instant(), "test-host:" + deadPid));
    }

    private JsonNode json(String command) {
        try {
            String out = bot.exec(command);
            return new ObjectMapper().readTree(out.substring(out.indexOf('{')));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
