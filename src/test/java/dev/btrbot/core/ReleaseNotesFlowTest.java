package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.git.GitNotesSource;
import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.core.port.GitHubReleases;
import dev.btrbot.core.port.PullFacts;
import dev.btrbot.domain.MemberId;
import dev.btrbot.testing.NotesHistory;
import dev.btrbot.testing.TestBot;
import dev.btrbot.testing.TestGit;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Release notes through the commands, read from a real git history; their approval in the gate and in announce. */
class ReleaseNotesFlowTest {
    @TempDir
    Path dir;
    TestBot bot;
    NotesHistory history;

    @BeforeEach
    void koa2() {
        history = NotesHistory.create(dir.resolve("edx-platform"));
        bot = TestBot.builder(dir).notes(new GitNotesSource(dir.resolve("cache")), PullFacts.NONE, GitHubReleases.NONE).build();
        bot.git.head(history.dir.toString(), history.releaseHead);
        bot.expectOk("release create koa.2 --branch " + NotesHistory.BRANCH + " --repos " + history.dir
                + " --tag-template open-release/{release}");
        bot.expectOk("role assign koa.2 manual-qa pierre");
        bot.expectOk("role assign koa.2 tagger adolfo");
        bot.expectOk("role assign koa.2 notes-reviewer nora");
    }

    private String shortHead() {
        bot.reply("status koa.2"); // reads the branch heads: the current candidate
        return bot.wiring.readiness().assessStored(new dev.btrbot.domain.ReleaseName("koa.2")).candidate().shortId();
    }

    /** The release branch moves: a new candidate. */
    private void moveTheBranch() {
        TestGit.git(history.dir, "checkout", "--quiet", NotesHistory.BRANCH);
        String head = TestGit.commit(history.dir, "more.txt", "more\n", "One more fix (#20)");
        TestGit.git(history.dir, "checkout", "--quiet", "master");
        bot.git.head(history.dir.toString(), head);
    }

    @Test
    void theNotesSayWhichCandidateAndWhichPreviousTagTheyStartFrom() {
        String notes = bot.expectOk("notes koa.2");
        assertThat(notes).contains("Candidate " + shortHead() + " (the current one)").contains("not approved yet (notes koa.2 approve)")
                .contains("Since `open-release/juniper.1` (the newest tag matching open-release/* that is an ancestor of "
                        + history.releaseHead.substring(0, 10) + ")")
                .contains("Add the thing (#10, Tester)").contains("Fix the crash (#11, Tester)")
                .contains("### Cherry-picked to the release branch")
                .contains("Fix the login (#14, Tester) — picked as").contains("(same patch id)");
        assertThat(notes.split("Fix the login", -1)).as("both commits of #14 are one entry").hasSize(2);
        assertThat(bot.exec("notes koa.2 --json")).contains("\"from\" : \"open-release/juniper.1\"").contains("\"foundBy\" : \"-x trailer\"");
        assertThat(bot.exec("audit koa.2")).doesNotContain("notes.");
    }

    @Test
    void withoutAPreviousTagTheNotesStopAndAskForOne() {
        bot.expectOk("release edit koa.2 --tag-template release/{release}");
        var refused = bot.reply("notes koa.2");
        assertThat(refused.isError()).isTrue();
        assertThat(TextRenderer.render(refused)).contains("No previous release tag found")
                .contains("no tag matching release/* (but release/koa.2, release/*rc[0-9]*) is an ancestor")
                .contains("notes koa.2 --from TAG");
        assertThat(bot.expectOk("notes koa.2 --from open-release/juniper.1")).contains("Since `open-release/juniper.1` (given with --from)");
        assertThat(bot.exec("notes koa.2 --from no-such-tag")).contains("has no tag no-such-tag");
    }

    @Test
    void anApprovalIsBoundToTheCandidateAndANewCandidateNeedsANewOne() {
        assertThat(bot.exec("@pierre: notes koa.2 approve")).contains("error").contains("notes-reviewer");
        String first = shortHead();
        assertThat(bot.expectOk("@nora: notes koa.2 approve")).contains("approved for candidate " + first);
        assertThat(bot.expectOk("@nora: notes koa.2 approve")).contains("were approved already").contains("by nora");
        assertThat(bot.exec("audit koa.2")).contains("notes.approve").contains("release notes approved for candidate " + first);
        assertThat(bot.expectOk("notes koa.2")).contains("; approved.");

        moveTheBranch();
        assertThat(bot.expectOk("notes koa.2")).contains("not approved yet").contains("One more fix (#20, Tester)");
        assertThat(bot.expectOk("notes koa.2 approve")).as("a manager may approve too").contains("approved for candidate " + shortHead());
        assertThat(shortHead()).isNotEqualTo(first);
    }

    @Test
    void withNotesApprovalBeforeTagTheGateWaitsForTheApprovalOfThisCandidate() {
        bot.expectOk("@pierre: signoff koa.2 pass --env native");
        bot.expectOk("@sofiane: signoff koa.2 pass --env AWS");
        assertThat(bot.exec("status koa.2")).doesNotContain("Release notes for candidate");
        bot.expectOk("policy koa.2 set notes-approval before-tag");
        assertThat(bot.exec("status koa.2")).contains("Release notes for candidate " + shortHead() + " are not approved: notes koa.2 approve");
        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("Release notes for candidate");
        bot.expectOk("@nora: notes koa.2 approve");
        assertThat(bot.exec("status koa.2")).doesNotContain("Release notes for candidate").contains("GO");

        moveTheBranch();
        assertThat(bot.exec("status koa.2")).contains("Release notes for candidate " + shortHead() + " are not approved");
    }

    @Test
    void announceWaitsForTheApprovalAndCarriesTheNotesSummary() {
        bot.expectOk("@pierre: signoff koa.2 pass --env native");
        bot.expectOk("@sofiane: signoff koa.2 pass --env AWS");
        assertThat(bot.exec("status koa.2")).as("before-announce does not hold the tag").doesNotContain("Release notes for candidate");
        bot.expectOk("@adolfo: tag koa.2 --confirm");
        var refused = bot.reply("announce koa.2");
        assertThat(refused.isError()).isTrue();
        assertThat(TextRenderer.render(refused)).contains("release notes of koa.2 for candidate " + shortHead() + " are not approved")
                .contains("notes koa.2 approve");
        assertThat(bot.chat.posts).isEmpty();

        bot.expectOk("@nora: notes koa.2 approve");
        assertThat(bot.exec("announce koa.2 --github-release")).contains("No GitHub release can be created").contains("needs GITHUB_TOKEN");
        assertThat(bot.chat.posts).isEmpty();
        bot.expectOk("announce koa.2");
        assertThat(TextRenderer.render(bot.chat.posts.get(0).message())).contains("koa.2 is released as open-release/koa.2")
                .contains("Release notes").contains("4 Other, 3 cherry-picks").contains("git log --first-parent open-release/juniper.1..");
    }

    @Test
    void theNotesReviewerGetsTheDraftOnceWhenACandidateFirstHasAPass() {
        bot.tick();
        assertThat(bot.chat.told).as("no pass yet").isEmpty();
        bot.expectOk("@pierre: signoff koa.2 pass --env native");
        bot.tick();
        bot.tick();
        bot.otherProcess(2).tick();
        var drafts = bot.chat.told.stream().filter(t -> t.message().title().contains("release notes of candidate")).toList();
        assertThat(drafts).hasSize(1);
        assertThat(drafts.get(0).member()).isEqualTo(new MemberId("nora"));
        assertThat(TextRenderer.render(drafts.get(0).message())).contains("koa.2: release notes of candidate " + shortHead() + " to review")
                .contains("Approve them with: notes koa.2 approve").contains("Add the thing (#10, Tester)");
        assertThat(bot.exec("audit koa.2")).contains("notes.draft");

        moveTheBranch();
        bot.expectOk("@pierre: signoff koa.2 pass --env native");
        bot.tick();
        assertThat(bot.chat.told.stream().filter(t -> t.message().title().contains("release notes of candidate")).count()).isEqualTo(2);
    }
}
