package dev.btrbot.core;

import static dev.btrbot.testing.TestBot.sha;
import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.core.port.BackportCheck.Containment;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate through the commands, on a real SQLite file. */
class ReleaseFlowTest {
    @TempDir
    Path dir;
    TestBot bot;

    @BeforeEach
    void koa2() {
        bot = TestBot.builder(dir).build().withKoa2();
    }

    private void quorum() {
        bot.expectOk("@pierre: signoff koa.2 pass --env \"Ubuntu 20.04, native\"");
        bot.expectOk("@sofiane: signoff koa.2 pass --env AWS");
    }

    @Test
    void tagIsRefusedWithoutSignOffs() {
        var reply = bot.reply("@adolfo: tag koa.2 --confirm");
        assertThat(reply.isError()).isTrue();
        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("NO-GO").contains("Needs 2 more passing sign-offs");
        assertThat(bot.tagger.requests).isEmpty();
    }

    @Test
    void tagRunsOnExactlyTheSignedOffShasOnce() {
        quorum();
        assertThat(bot.exec("@adolfo: tag koa.2")).contains("GO: koa.2 can be tagged koa.2").contains("configuration: tag koa.2 on aaaaaaaaaa");
        assertThat(bot.tagger.requests).isEmpty();
        assertThat(bot.expectOk("@adolfo: tag koa.2 --confirm")).contains("succeeded");
        assertThat(bot.tagger.requests).hasSize(1);
        assertThat(bot.tagger.requests.get(0).heads()).extracting(RepoHead::toString).containsExactly(
                "https://github.com/openedx/configuration.git@" + sha('a'), "https://github.com/openedx/edx-platform.git@" + sha('b'));
        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("is tagged already");
        assertThat(bot.tagger.requests).hasSize(1);
        assertThat(bot.exec("status koa.2")).contains("koa.2 — tagged");
    }

    @Test
    void signOffOnAnOldCandidateDoesNotCount() {
        quorum();
        bot.git.head("openedx/configuration", sha('c'));
        String status = bot.exec("status koa.2");
        assertThat(status).contains("The branch moved since the last sign-off").contains("(stale) pierre pass on older candidate")
                .contains("Needs 2 more passing sign-offs");
        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("NO-GO");
        assertThat(bot.tagger.requests).isEmpty();
    }

    @Test
    void aButtonClickOnAMovedCandidateIsRefusedAndRecordsNothing() {
        String shown = bot.exec("status koa.2").replaceAll("(?s).*--candidate (\\w+).*", "$1");
        bot.git.head("openedx/configuration", sha('c'));
        assertThat(bot.exec("@pierre: signoff koa.2 pass --candidate " + shown)).contains("The candidate moved since this prompt");
        assertThat(bot.exec("status koa.2")).contains("none yet");
    }

    @Test
    void aLaterVoteReplacesTheEarlierAndBothStayInTheAuditLog() {
        bot.expectOk("@pierre: signoff koa.2 fail --env Ubuntu mysql client missing");
        assertThat(bot.exec("status koa.2")).contains("pierre failed the install");
        assertThat(bot.expectOk("@pierre: signoff koa.2 pass --env Ubuntu")).contains("replacing the earlier vote");
        assertThat(bot.exec("status koa.2")).doesNotContain("failed the install");
        assertThat(bot.exec("audit koa.2")).contains("signoff.fail").contains("signoff.pass");
    }

    @Test
    void tagIsRefusedWhileABlockerIsOpenAndAllowedOnceWaived() {
        quorum();
        bot.expectOk("blocker add koa.2 https://github.com/openedx/configuration/issues/6248 --priority high --title \"mysql client\"");
        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("Blocker #1 (high) is open: mysql client");
        bot.expectOk("waive koa.2 1 docs-only, tracked for koa.3");
        assertThat(bot.exec("status koa.2")).contains("GO:");
        assertThat(bot.exec("blockers koa.2")).contains("waived by ned: docs-only, tracked for koa.3");
    }

    @Test
    void untriagedBlockersBlockUntilTriaged() {
        quorum();
        bot.expectOk("@someone: blocker add koa.2 https://discuss.openedx.org/t/4132");
        assertThat(bot.exec("status koa.2")).contains("Blocker #1 is untriaged");
        bot.expectOk("@tina: blocker priority koa.2 1 low");
        assertThat(bot.exec("status koa.2")).contains("GO:");
    }

    @Test
    void aFixOnlyOnMasterIsAMissingBackportUntilCherryPicked() {
        quorum();
        bot.expectOk("blocker add koa.2 https://github.com/openedx/configuration/issues/6248 --priority high");
        bot.expectOk("blocker fix koa.2 #1 configuration " + sha('f'));
        bot.expectOk("@tina: blocker resolve koa.2 1");
        assertThat(bot.exec("status koa.2")).contains("Missing backport: fix ffffffffff in configuration (blocker #1");
        bot.git.backport(sha('f'), Containment.CHERRY_PICKED);
        assertThat(bot.exec("status koa.2")).contains("GO:");
    }

    @Test
    void aHoldShutsTheGateUntilTheHolderOrAManagerLiftsIt() {
        quorum();
        bot.expectOk("@sofiane: hold koa.2 theme broken on the forum");
        assertThat(bot.exec("status koa.2")).contains("On hold by sofiane: theme broken on the forum");
        assertThat(bot.exec("@pierre: unhold koa.2")).contains("Only the holder (sofiane) or a release manager");
        bot.expectOk("@sofiane: unhold koa.2");
        assertThat(bot.exec("status koa.2")).contains("GO:");
    }

    @Test
    void aFailedTagRunIsRecordedAndMayBeRetried() {
        quorum();
        bot.tagger.failWith(1);
        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("failed");
        assertThat(bot.exec("status koa.2 --json")).contains("\"state\" : \"failed\"");
        bot.tagger.failWith(0);
        assertThat(bot.expectOk("@adolfo: tag koa.2 --confirm")).contains("succeeded");
        assertThat(bot.tagger.requests).hasSize(2);
    }

    @Test
    void releaseCandidateTagsAreNumberedAndNamedInSignOffs() {
        assertThat(bot.expectOk("@adolfo: candidate tag koa.2")).contains("Release candidate koa.2rc1 succeeded");
        assertThat(bot.exec("@adolfo: candidate tag koa.2")).contains("koa.2rc1 marks candidate");
        assertThat(bot.exec("status koa.2")).contains("install koa.2rc1");
        bot.expectOk("@pierre: signoff koa.2 pass");
        bot.git.head("openedx/edx-platform", sha('e'));
        assertThat(bot.expectOk("@adolfo: candidate tag koa.2")).contains("koa.2rc2");
        assertThat(bot.exec("audit koa.2")).contains("candidate").contains("(koa.2rc1)");
    }

    @Test
    void withASoakTimeTheTagWaitsThatLongAfterTheReleaseCandidateTestersInstalled() {
        bot.expectOk("policy koa.2 set min-soak-hours 72");
        assertThat(bot.exec("status koa.2")).contains("72 h between a release candidate and the tag");
        bot.expectOk("@adolfo: candidate tag koa.2");
        bot.expectOk("@pierre: signoff koa.2 pass --env \"Ubuntu 20.04\"");
        bot.expectOk("@sofiane: signoff koa.2 pass --env \"Ubuntu 20.04, AWS\"");
        bot.clock.advance(java.time.Duration.ofHours(70));
        assertThat(bot.exec("status koa.2")).contains("NO-GO").contains("koa.2rc1 soaks until").contains("2 h from now");
        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("soaks until");
        assertThat(bot.tagger.requests).hasSize(1);
        bot.clock.advance(java.time.Duration.ofHours(2));
        assertThat(bot.exec("status koa.2")).contains("GO").doesNotContain("soaks");
        assertThat(bot.expectOk("@adolfo: tag koa.2 --confirm")).contains("succeeded");
    }

    @Test
    void whenTheBranchMovesPastTheLastRcTheGateSaysANewRcMustBePushedFirst() {
        bot.expectOk("@adolfo: candidate tag koa.2");
        assertThat(bot.exec("status koa.2")).doesNotContain("No release candidate marks");
        bot.git.head("openedx/edx-platform", sha('e'));
        assertThat(bot.exec("status koa.2")).contains("No release candidate marks candidate")
                .contains("the branch moved after koa.2rc1").contains("candidate tag koa.2")
                .contains("more passing sign-offs");
        bot.expectOk("@adolfo: candidate tag koa.2");
        assertThat(bot.exec("status koa.2")).doesNotContain("No release candidate marks").contains("install koa.2rc2");
    }

    @Test
    void announcementFollowsTheTagOnce() {
        assertThat(bot.exec("announce koa.2")).contains("no successful tag yet");
        quorum();
        bot.expectOk("@adolfo: tag koa.2 --confirm");
        bot.expectOk("notes koa.2 approve");
        bot.expectOk("announce koa.2");
        assertThat(bot.chat.posts).hasSize(1);
        assertThat(dev.btrbot.adapter.render.TextRenderer.render(bot.chat.posts.get(0).message()))
                .contains("koa.2 is released as koa.2").contains("pierre, sofiane");
        assertThat(bot.exec("announce koa.2")).contains("was announced already");
        assertThat(bot.chat.posts).hasSize(1);
        assertThat(bot.exec("status koa.2")).contains("koa.2 — announced");
    }

    @Test
    void unreachableRepositoriesKeepTheGateShutWithTheReason() {
        quorum();
        bot.git.unreachable("Cannot read branch open-release/koa.master of configuration: could not resolve host");
        assertThat(bot.exec("status koa.2")).contains("There is no candidate to tag: Cannot read branch");
    }

    @Test
    void everyChangeIsAudited() {
        quorum();
        bot.expectOk("policy koa.2 set passes 3");
        String audit = bot.exec("audit koa.2");
        assertThat(audit).contains("release.create").contains("role.assign").contains("candidate.seen").contains("signoff.pass")
                .contains("policy.set  passes: 2 → 3");
        assertThat(bot.exec("status koa.2")).contains("Needs 1 more passing sign-off");
    }

    @Test
    void tagProgressUpdatesOneMessageInTheReleaseChannel() {
        bot.expectOk("release create koa.3 --branch open-release/koa.master --repos openedx/configuration,openedx/edx-platform --channel C0BTR");
        bot.expectOk("role assign koa.3 manual-qa pierre");
        bot.expectOk("@pierre: signoff koa.3 pass");
        bot.expectOk("@sofiane: signoff koa.3 pass");
        bot.expectOk("tag koa.3 --confirm");
        assertThat(bot.chat.posts).hasSize(1);
        assertThat(bot.chat.posts.get(0).channel()).isEqualTo("C0BTR");
        assertThat(bot.chat.updates).hasSizeBetween(1, 3);
        assertThat(bot.chat.updates.get(bot.chat.updates.size() - 1).message().title())
                .isEqualTo("Tagging koa.3 as koa.3: done (2/2 repositories), requested by ned");
    }

    @Test
    void aChatOutageDuringTaggingDoesNotStopTheRun() {
        bot.expectOk("release create koa.3 --branch open-release/koa.master --repos openedx/configuration --channel C0BTR");
        bot.expectOk("role assign koa.3 manual-qa pierre");
        bot.expectOk("@pierre: signoff koa.3 pass");
        bot.expectOk("@sofiane: signoff koa.3 pass");
        bot.chat.down = true;
        assertThat(bot.expectOk("tag koa.3 --confirm")).contains("succeeded");
        assertThat(bot.exec("status koa.3 --json")).contains("\"state\" : \"succeeded\"");
    }

    @Test
    void aTagRunnerThatThrowsEndsTheRunAsFailedNotRunning() {
        quorum();
        bot.tagger.crashWith(new IllegalStateException("no such file: tag-release"));
        var reply = bot.reply("@adolfo: tag koa.2 --confirm");
        assertThat(reply.isError()).isTrue();
        assertThat(bot.exec("status koa.2 --json")).contains("\"state\" : \"failed\"").doesNotContain("\"state\" : \"running\"");
        bot.tagger.crashWith(null);
        assertThat(bot.expectOk("@adolfo: tag koa.2 --confirm")).contains("succeeded");
    }

    @Test
    void aTaggedReleaseIsFrozenButItsAnnouncementCanStillBeGiven() {
        bot.expectOk("blocker add koa.2 https://discuss.openedx.org/t/1 --priority low --title \"cosmetic\"");
        quorum();
        bot.expectOk("@adolfo: tag koa.2 --confirm");
        String before = bot.exec("status koa.2 --json") + bot.exec("audit koa.2 --json");
        for (String change : java.util.List.of("blocker add koa.2 https://discuss.openedx.org/t/2 --title late",
                "blocker priority koa.2 1 high", "blocker resolve koa.2 1", "waive koa.2 1 fine",
                "blocker fix koa.2 1 configuration " + "a".repeat(40), "role assign koa.2 tagger bob", "rotate koa.2",
                "policy koa.2 set passes 3", "schedule koa.2 set summary-at 10:00")) {
            assertThat(bot.exec(change)).as(change).contains("koa.2 is tagged: it is read-only now").contains("koa.2a");
        }
        assertThat(bot.exec("status koa.2 --json") + bot.exec("audit koa.2 --json")).isEqualTo(before);
        bot.expectOk("role assign koa.2 announcer sofiane");
        bot.expectOk("notes koa.2 approve");
        bot.expectOk("@sofiane: announce koa.2");
        assertThat(bot.exec("blocker add koa.2 https://discuss.openedx.org/t/3")).contains("koa.2 is announced: it is read-only now");
    }

    @Test
    void anAnnouncementTheChatRefusesCanBeRetried() {
        quorum();
        bot.expectOk("@adolfo: tag koa.2 --confirm");
        bot.expectOk("notes koa.2 approve");
        bot.chat.down = true;
        assertThat(bot.exec("announce koa.2")).contains("could not be posted").contains("try again");
        assertThat(bot.exec("status koa.2")).contains("koa.2 — tagged");
        bot.chat.down = false;
        bot.expectOk("announce koa.2");
        assertThat(bot.chat.posts).hasSize(1);
        assertThat(bot.exec("audit koa.2")).contains("announce.failed").contains("announce ");
    }

    @Test
    void tagRunsWhenRequiredChecksAreGreenAndNotWhenOneFailed() throws Exception {
        java.util.Map<String, dev.btrbot.domain.CheckResult.State> ci = new java.util.concurrent.ConcurrentHashMap<>();
        TestBot withCi = TestBot.builder(dir.resolve("ci")).github(dev.btrbot.core.port.BlockerSource.NONE,
                (repo, sha, names) -> names.stream().map(n -> new dev.btrbot.domain.CheckResult(repo, sha, n,
                        ci.getOrDefault(repo.name(), dev.btrbot.domain.CheckResult.State.SUCCEEDED), "https://ci.example.org/" + n)).toList()).build()
                .withKoa2();
        withCi.expectOk("policy koa.2 set required-checks native-install");
        withCi.expectOk("@pierre: signoff koa.2 pass");
        withCi.expectOk("@sofiane: signoff koa.2 pass");
        ci.put("edx-platform", dev.btrbot.domain.CheckResult.State.FAILED);
        assertThat(withCi.exec("@adolfo: tag koa.2 --confirm")).contains("Required check native-install failed on edx-platform@bbbbbbbbbb");
        assertThat(withCi.tagger.requests).isEmpty();
        ci.clear();
        assertThat(withCi.expectOk("@adolfo: tag koa.2 --confirm")).contains("succeeded");
        assertThat(withCi.tagger.requests).hasSize(1);
    }

    @Test
    void aTypedSignOffAfterTheBranchMovedPastTheLatestReleaseCandidateIsRefused() {
        bot.expectOk("@adolfo: candidate tag koa.2");
        bot.git.head("openedx/configuration", sha('c'));
        String before = bot.exec("audit koa.2 --json");
        assertThat(bot.exec("@pierre: signoff koa.2 pass --env native"))
                .contains("koa.2rc1 is not what would be tagged: the branch moved since it was pushed")
                .contains("Ask the tagger for a new release candidate (candidate tag koa.2)").contains("nothing was recorded");
        assertThat(bot.exec("@sofiane: signoff koa.2 pass --rc koa.2rc1")).contains("koa.2rc1 is not what would be tagged");
        assertThat(bot.exec("audit koa.2 --json")).doesNotContain("signoff.pass");
        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("NO-GO");
        assertThat(bot.tagger.requests).hasSize(1);

        bot.expectOk("@adolfo: candidate tag koa.2");
        assertThat(bot.expectOk("@pierre: signoff koa.2 pass --rc koa.2rc2 --env native")).contains("(koa.2rc2)")
                .contains("configuration@cccccccccc");
        assertThat(bot.expectOk("@sofiane: signoff koa.2 pass")).contains("(koa.2rc2)");
        bot.expectOk("@adolfo: tag koa.2 --confirm");
        assertThat(bot.tagger.requests.get(2).heads()).extracting(RepoHead::sha).extracting(s -> s.value())
                .containsExactly(sha('c'), sha('b'));
    }

    @Test
    void aSignOffNamingAnRcThatWasNeverPushedIsRefused() {
        bot.expectOk("@adolfo: candidate tag koa.2");
        assertThat(bot.exec("@pierre: signoff koa.2 pass --rc koa.2rc7")).contains("No release candidate 'koa.2rc7' was pushed for koa.2 (the latest is koa.2rc1)");
        assertThat(bot.exec("@pierre: signoff koa.2 pass --rc koa.2rc1 --candidate aaaaaaa")).contains("not both");
    }

    @Test
    void aFailedReleaseCandidateRunStillUsesUpItsNumber() {
        bot.tagger.failWith(1);
        assertThat(bot.exec("@adolfo: candidate tag koa.2")).contains("koa.2rc1 failed");
        bot.tagger.failWith(0);
        assertThat(bot.expectOk("@adolfo: candidate tag koa.2")).contains("koa.2rc2 succeeded");
    }

    @Test
    void aRunWhoseHeartbeatStoppedOnAnotherHostIsReportedInterruptedAndNoLongerBlocks() {
        quorum();
        String candidate = bot.exec("status koa.2 --json").replaceAll("(?s).*\"candidate\" : \\{\\s*\"id\" : \"([0-9a-f]{64})\".*", "$1");
        bot.store.write(tx -> tx.tagRuns().start(new dev.btrbot.domain.ReleaseName("koa.2"), candidate, dev.btrbot.domain.TagRun.Kind.FINAL,
                "koa.2", new dev.btrbot.domain.MemberId("adolfo"), bot.clock.instant(), "3f2a9c1b7d4e:1"));
        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("already running");
        bot.clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).as("within the lease").contains("already running");
        bot.clock.advance(java.time.Duration.ofMinutes(2));
        String reply = bot.expectOk("@adolfo: tag koa.2 --confirm");
        assertThat(reply).contains("an earlier run").contains("Tag run 1 of koa.2 (koa.2) was interrupted").contains("succeeded");
        assertThat(bot.exec("audit koa.2")).contains("tag.final.interrupted");
        assertThat(bot.tagger.requests).hasSize(1);
    }

    @Test
    void inConsoleModeAnyChannelIsAcceptedBecauseTheConsoleTakesEveryPost() {
        bot.expectOk("release create koa.3 --branch open-release/koa.master --channel '#releases'");
        assertThat(new ChatRouter(java.util.List.of(bot.chat)).reaches("#releases")).isTrue();
    }

    @Test
    void theStoredViewNeverSaysGoForWhatItDidNotCheck() {
        quorum();
        bot.expectOk("blocker add koa.2 https://github.com/openedx/configuration/issues/7 --priority high");
        bot.expectOk("blocker fix koa.2 1 configuration " + sha('f'));
        bot.git.backport(sha('f'), Containment.CHERRY_PICKED);
        bot.expectOk("blocker resolve koa.2 1");
        assertThat(bot.exec("status koa.2")).contains("GO: every condition holds");

        String stored = bot.exec("status koa.2 --stored");
        assertThat(stored).contains("NO-GO: 1 unmet").contains("Backports are not checked in this view ('status koa.2' checks them).");

        bot.expectOk("policy koa.2 set required-checks native-install");
        assertThat(bot.exec("status koa.2 --stored"))
                .contains("Required checks (native-install) could not be read: they are not checked in this view ('status koa.2' checks them).");
    }

    @Test
    void theStoredViewShowsTheNewestCandidateSeenWithoutReadingTheBranches() {
        assertThat(bot.exec("status koa.2 --stored")).contains("no candidate seen yet");
        bot.expectOk("status koa.2");
        bot.git.head("openedx/edx-platform", sha('c'));
        int reads = bot.git.headReads.get();
        String audit = bot.exec("audit koa.2");
        bot.clock.advance(java.time.Duration.ofHours(3));
        assertThat(bot.exec("status koa.2 --stored")).contains("2021-02-01T09:00:00Z, when the bot first saw this candidate")
                .contains("edx-platform @ bbbbbbbbbb").doesNotContain("cccccccccc");
        assertThat(bot.git.headReads.get()).isEqualTo(reads);
        assertThat(bot.exec("audit koa.2")).isEqualTo(audit);
    }

    @Test
    void aSignOffButtonOnACandidateNoReleaseCandidateMarksIsRefusedAndNotOffered() {
        bot.expectOk("@adolfo: candidate tag koa.2");
        bot.expectOk("@pierre: signoff koa.2 pass --rc koa.2rc1");
        bot.git.head("openedx/edx-platform", sha('c'));
        String status = bot.exec("status koa.2");
        assertThat(status).doesNotContain("[Passed install]");
        String shown = bot.exec("status koa.2 --json").replaceAll("(?s).*\"candidate\" : \\{\\s*\"id\" : \"([0-9a-f]{10}).*", "$1");
        String before = bot.exec("audit koa.2 --json");
        assertThat(bot.exec("@pierre: signoff koa.2 pass --candidate " + shown))
                .contains("No release candidate marks candidate " + shown).contains("nothing was recorded");
        assertThat(bot.exec("@sofiane: signoff koa.2 pass --candidate " + shown)).contains("No release candidate marks");
        assertThat(bot.exec("audit koa.2 --json")).isEqualTo(before);
        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("NO-GO");
        assertThat(bot.tagger.requests).hasSize(1);
    }

    @Test
    void aRefusedSignOffWritesNothingEvenWhenTheBranchMoved() {
        bot.git.head("openedx/configuration", sha('c'));
        String before = bot.exec("audit koa.2 --json");
        assertThat(bot.exec("@mallory: signoff koa.2 pass --rc x --candidate y")).contains("not both");
        assertThat(bot.exec("@mallory: signoff koa.2 pass --rc koa.2rc9")).contains("No release candidate 'koa.2rc9' was pushed for koa.2 yet");
        assertThat(bot.exec("audit koa.2 --json")).isEqualTo(before);
    }

    @Test
    void theTagButtonIsBoundToThePlanItShowed() {
        quorum();
        String plan = bot.expectOk("@adolfo: tag koa.2");
        String button = plan.replaceAll("(?s).*\\[Tag koa.2\\] (tag koa.2 --confirm --candidate [0-9a-f]+).*", "$1");
        assertThat(button).startsWith("tag koa.2 --confirm --candidate ");
        bot.git.head("openedx/configuration", sha('c'));
        bot.expectOk("@pierre: signoff koa.2 pass");
        bot.expectOk("@sofiane: signoff koa.2 pass");
        assertThat(bot.exec("@adolfo: " + button)).contains("The candidate moved since this plan").contains("nothing was tagged");
        assertThat(bot.tagger.requests).isEmpty();
    }

    @Test
    void aRunTakenForInterruptedWhileItRanDoesNotTagTheReleaseWhenItEndsLate() {
        quorum();
        bot.tagger.whileRunning(() -> bot.store.write(tx -> {
            tx.tagRuns().running().forEach(r -> tx.tagRuns().finish(r.run().id(), dev.btrbot.domain.TagRun.State.INTERRUPTED, null,
                    null, java.util.List.of(), bot.clock.instant()));
            return null;
        }));
        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("ended after another process had settled the run")
                .contains("this end was not recorded");
        String audit = bot.exec("audit koa.2");
        assertThat(audit).contains("tag.final.late").doesNotContain("tag.final.succeeded");
        assertThat(bot.exec("status koa.2")).contains("koa.2 — testing").contains("interrupted");
        assertThat(bot.exec("announce koa.2")).contains("no successful tag yet");
    }

    @Test
    void theStoredViewFollowsABranchThatWentBackToAnEarlierState() {
        String a = bot.exec("status koa.2 --json");
        bot.git.head("openedx/edx-platform", sha('c'));
        bot.exec("status koa.2");
        quorum();
        bot.git.head("openedx/edx-platform", sha('b'));
        assertThat(bot.exec("status koa.2")).contains("NO-GO");
        String stored = bot.exec("status koa.2 --stored");
        assertThat(stored).contains("NO-GO").contains("edx-platform @ bbbbbbbbbb").doesNotContain("GO: every condition holds");
        assertThat(a).contains(bot.exec("status koa.2 --stored --json").replaceAll("(?s).*\"candidate\" : \\{\\s*\"id\" : \"([0-9a-f]{64})\".*", "$1"));
    }

    @Test
    void aSlowChatDoesNotHoldUpTheTagCommand() throws Exception {
        TestBot slow = TestBot.builder(dir.resolve("slow")).build();
        java.util.List<String> tagged = slow.tagger.lines;
        slow.git.head("openedx/configuration", sha('a'));
        slow.git.head("openedx/edx-platform", sha('b'));
        slow.expectOk("release create koa.3 --branch b --repos openedx/configuration,openedx/edx-platform --channel C0BTR");
        slow.expectOk("role assign koa.3 manual-qa pierre");
        slow.expectOk("@pierre: signoff koa.3 pass");
        slow.expectOk("@sofiane: signoff koa.3 pass");
        java.util.concurrent.CountDownLatch chatAnswers = new java.util.concurrent.CountDownLatch(1);
        slow.chat.blockUpdatesUntil(chatAnswers);

        var reply = java.util.concurrent.CompletableFuture.supplyAsync(() -> slow.exec("tag koa.3 --confirm"));
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (tagged.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(tagged).as("the command ran on while the chat hung").containsExactly(
                "tagged https://github.com/openedx/configuration.git " + sha('a'), "tagged https://github.com/openedx/edx-platform.git " + sha('b'));
        chatAnswers.countDown();
        assertThat(reply.get(10, java.util.concurrent.TimeUnit.SECONDS)).contains("succeeded");
        assertThat(slow.chat.updates.get(slow.chat.updates.size() - 1).message().title()).contains("done (2/2 repositories)");
    }
}
