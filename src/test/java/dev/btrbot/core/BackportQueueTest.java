package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.git.GitBackportCheck;
import dev.btrbot.adapter.git.GitBackportSource;
import dev.btrbot.testing.BackportHistory;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backport queue on a real git history ({@link BackportHistory}): found by sync from the trailers, pending until
 * on the release branch (by a merge, a cherry-pick with -x, or the same patch) or declined by a manager; a pending
 * one keeps the gate shut, named with its pull request and title.
 */
class BackportQueueTest {
    @TempDir
    Path dir;
    BackportHistory history;
    TestBot bot;

    @BeforeEach
    void koa2OnARealHistory() {
        history = new BackportHistory(dir.resolve("remote"));
        GitBackportCheck mirrors = new GitBackportCheck(dir.resolve("cache"));
        bot = TestBot.builder(dir).backports(mirrors).backportSource(new GitBackportSource(mirrors)).build();
        bot.git.head(history.bare.toString(), TestBot.sha('a'));
        bot.expectOk("release create koa.2 --branch " + BackportHistory.BRANCH + " --repos " + history.bare);
        bot.expectOk("role assign koa.2 release-manager rita");
    }

    private String state() {
        return bot.exec("status koa.2 --json") + bot.exec("audit koa.2 --json");
    }

    @Test
    void syncFindsTheCandidatesAndTellsHowEachReachedTheBranch() {
        String sync = bot.expectOk("sync koa.2");

        assertThat(sync).contains("Blockers: koa.2 names no GitHub milestone or label")
                .contains("Backports: 4 new backport candidates (configuration#10 (trailer 'Backport-To: koa')")
                .contains("2 now on the branch (configuration#11, configuration#12); 2 backports pending.");
        String list = bot.expectOk("backports koa.2");
        assertThat(list).contains("Backports of koa.2 — 2 pending, 2 on open-release/koa.master, 0 declined")
                .contains("configuration#10 'Fix nginx config' by Tester, merged today (trailer 'Backport-To: koa'; "
                        + history.pr10Merge.substring(0, 10) + "); cherry-pick it (backport koa.2 10) or decline it (backport koa.2 decline 10 <reason>)")
                .contains("configuration#11 'Fix mysql client' by Tester, merged today (trailer 'Affects: koa.2'; "
                        + history.pr11.substring(0, 10) + ") — cherry-picked with -x")
                .contains("configuration#12 'Fix cert path'").contains("— a commit with the same patch")
                .doesNotContain("#14").doesNotContain("Fix typo in docs");
        assertThat(list.indexOf("configuration#10")).isLessThan(list.indexOf("configuration#13"));
        assertThat(bot.exec("audit koa.2")).contains("backport.found  configuration#10 (trailer 'Backport-To: koa')");
    }

    @Test
    void aPendingBackportKeepsTheGateShutUntilItIsCherryPicked() {
        bot.expectOk("sync koa.2");
        bot.expectOk("backport koa.2 decline 13 the theme is not in koa");

        String status = bot.exec("status koa.2");
        assertThat(status).contains("Backport pending: configuration#10 'Fix nginx config' is not on open-release/koa.master;"
                        + " cherry-pick it (backport koa.2 10) or decline it (backport koa.2 decline 10 <reason>).")
                .doesNotContain("Backport pending: configuration#13")
                .contains("backports:\n    1 backport pending, configuration#10 merged today ('backports koa.2' lists them)");

        history.cherryPickX(history.pr10Merge, true);
        bot.git.head(history.bare.toString(), TestBot.sha('b')); // the branch moved: a new candidate
        status = bot.exec("status koa.2");

        assertThat(status).doesNotContain("Backport pending").doesNotContain("backports:");
        assertThat(bot.exec("backports koa.2")).contains("0 pending, 3 on open-release/koa.master, 1 declined")
                .contains("configuration#10 'Fix nginx config'");
        assertThat(bot.exec("status koa.2 --json")).contains("\"pr\" : 10").contains("\"landed\" : \"cherry-pick\"");
    }

    @Test
    void statusAsksGitAgainOnlyWhenTheBranchMoved() {
        bot.expectOk("sync koa.2");
        assertThat(bot.exec("status koa.2")).contains("Backport pending: configuration#10");
        history.cherryPickX(history.pr10Merge, true);

        assertThat(bot.exec("status koa.2")).as("the heads this status read are those of the last one")
                .contains("Backport pending: configuration#10");
        bot.git.head(history.bare.toString(), TestBot.sha('b'));
        assertThat(bot.exec("status koa.2")).doesNotContain("Backport pending: configuration#10");
    }

    @Test
    void withBackportsBlockFalseAPendingBackportDoesNotShutTheGate() {
        bot.expectOk("sync koa.2");
        assertThat(bot.exec("status koa.2")).contains("Backport pending: configuration#10");

        bot.expectOk("policy koa.2 set backports-block false");

        assertThat(bot.exec("status koa.2")).doesNotContain("Backport pending").contains("backports:\n    2 backports pending, oldest configuration#10");
    }

    @Test
    void aRepositoryTakenOutOfTheReleaseTakesItsBackportsOutOfTheGate() {
        bot.expectOk("sync koa.2");
        bot.git.head("openedx/edx-platform", TestBot.sha('b'));
        bot.expectOk("release edit koa.2 --add-repo openedx/edx-platform");
        assertThat(bot.exec("status koa.2")).contains("Backport pending: configuration#10");

        bot.expectOk("release edit koa.2 --remove-repo configuration");

        assertThat(bot.exec("status koa.2")).doesNotContain("Backport pending");
    }

    @Test
    void aManagerDeclinesWithAReasonShownAndAudited() {
        bot.expectOk("sync koa.2");

        String reply = bot.expectOk("@rita: backport koa.2 decline configuration#13 the theme is not in koa");

        assertThat(reply).contains("Backport configuration#13 of koa.2 is declined").contains("Bump theme — the theme is not in koa");
        assertThat(bot.exec("backports koa.2")).contains("declined (1)")
                .contains("configuration#13 'Bump theme'").contains("— declined by rita 2021-02-01T09:00:00Z: the theme is not in koa");
        assertThat(bot.exec("audit koa.2")).contains("backport.decline  configuration#13 'Bump theme': the theme is not in koa");
        assertThat(bot.exec("status koa.2 --json")).contains("\"declineReason\" : \"the theme is not in koa\"");
    }

    @Test
    void aDeclineIsRefusedWithTheStoreUnchangedWhenItCannotStand() {
        bot.expectOk("sync koa.2");
        String before = state();

        assertThat(bot.reply("@mallory: backport koa.2 decline 13 no").title())
                .isEqualTo("Only an admin (ned) or koa.2's release-manager (rita) may decline backports.");
        assertThat(bot.reply("backport koa.2 decline 13").isError()).isTrue();
        assertThat(bot.reply("backport koa.2 decline pr13 because").title())
                .isEqualTo("'pr13' is not a pull request: give 123 (one repository), <repo>#123, org/repo#123 or the pull request's URL.");
        assertThat(bot.reply("backport koa.2 decline edx-platform#13 because").title())
                .isEqualTo("'edx-platform' is not a repository of this release (configuration).");
        assertThat(bot.reply("backport koa.2 decline 99 because").title())
                .isEqualTo("configuration#99 is not in the backport queue of koa.2 ('backports koa.2' lists it).");
        assertThat(bot.reply("backport koa.2 decline 11 because").title())
                .isEqualTo("configuration#11 is on open-release/koa.master already (cherry-picked with -x).");
        assertThat(bot.reply("backport koa.2 decline").title())
                .isEqualTo("Say which pull request to decline and why: backport koa.2 decline <pr> <reason>.");
        assertThat(bot.reply("backport koa.2 13 14").title())
                .isEqualTo("backport takes one pull request (backport koa.2 <pr>), or 'decline <pr> <reason>'.");
        assertThat(state()).isEqualTo(before);
        bot.expectOk("backport koa.2 decline 13 not for koa");
        assertThat(bot.reply("backport koa.2 decline 13 again").title())
                .isEqualTo("configuration#13 is declined already by ned: not for koa");
    }

    @Test
    void labelPatternsAreSetByManagersAndShown() {
        assertThat(bot.expectOk("backports koa.2 labels")).contains("backport <release>, needs backport to <branch>, affects:<release>")
                .contains("Labels: backport koa.2, backport koa, needs backport to open-release/koa.master, affects:koa.2, affects:koa");
        assertThat(bot.reply("@mallory: backports koa.2 labels \"koa please\"").isError()).isTrue();

        String set = bot.expectOk("@rita: backports koa.2 labels \"backport-<release>, to <branch>\"");

        assertThat(set).contains("Labels: backport-koa.2, backport-koa, to open-release/koa.master");
        assertThat(bot.exec("audit koa.2")).contains("backport.labels  backport <release>, needs backport to <branch>, affects:<release>"
                + " → backport-<release>, to <branch>");
        assertThat(bot.reply("backports koa.2 labels \"a\\\"b\"").isError()).isTrue();
        assertThat(bot.expectOk("backports koa.2 labels default")).contains("Labels: backport koa.2");
    }

    @Test
    void theDailySummaryShowsThePendingCountAndTheOldest() {
        bot.expectOk("sync koa.2");

        bot.expectOk("summary koa.2");

        assertThat(dev.btrbot.adapter.render.TextRenderer.render(bot.chat.posts.get(bot.chat.posts.size() - 1).message()))
                .contains("backports:\n    2 backports pending, oldest configuration#10 merged today ('backports koa.2' lists them)");
    }
}
