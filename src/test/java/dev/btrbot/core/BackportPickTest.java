package dev.btrbot.core;

import static dev.btrbot.testing.TestGit.commit;
import static dev.btrbot.testing.TestGit.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.git.GitHubRemotes;
import dev.btrbot.adapter.github.FakeGitHub;
import dev.btrbot.adapter.github.FakePulls.PullCommit;
import dev.btrbot.adapter.github.GitHubApi;
import dev.btrbot.adapter.github.GitHubPullRequests;
import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.core.port.PullRequests;
import dev.btrbot.domain.BackportAttempt;
import dev.btrbot.domain.BackportAttempt.Outcome;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.testing.TestBot;
import dev.btrbot.testing.TestGit;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backport <release> <pr>} end to end: real git repositories standing in for GitHub's (a bare "origin" and a
 * working clone), the real git adapters, and the real GitHub adapter against the fake GitHub.
 */
class BackportPickTest {
    private static final String REPO = "openedx/edx-platform";
    private static final String RELEASE_BRANCH = "open-release/koa.master";
    private static final ReleaseName KOA2 = new ReleaseName("koa.2");

    @TempDir
    Path tmp;

    private final FakeGitHub github = new FakeGitHub();
    private Path bare;
    private Path work;
    private GitHubRemotes remotes;
    private String mergeCommit;
    private String squashCommit;
    private String rebasedFirst;
    private String rebasedSecond;
    private String conflicting;

    /**
     * master after the release branch forked: #11 merged with a merge commit, #12 squashed, #14 rebase-merged as two
     * commits, #13 squashed over a line the release branch changed its own way.
     */
    @BeforeEach
    void edxPlatformWithMergedPullRequests() {
        bare = tmp.resolve("remotes/openedx/edx-platform.git");
        git(tmp, "init", "--quiet", "--bare", bare.toString());
        work = TestGit.repo(tmp.resolve("work"));
        String fork = commit(work, "settings.py", "DEBUG = False\n", "Settings");
        git(work, "remote", "add", "origin", bare.toString());
        git(work, "branch", RELEASE_BRANCH);
        git(work, "switch", "--quiet", "-c", "fix-a");
        String partA = commit(work, "a.txt", "a\n", "Fix A");
        git(work, "switch", "--quiet", "master");
        git(work, "merge", "--quiet", "--no-ff", "-m", "Merge pull request #11 from alice/fix-a\n\nFix the mysql client", "fix-a");
        mergeCommit = git(work, "rev-parse", "HEAD");
        squashCommit = commit(work, "b.txt", "b\n", "Fix B (#12)");
        rebasedFirst = commit(work, "c.txt", "c1\n", "Fix C, part 1");
        rebasedSecond = commit(work, "c.txt", "c2\n", "Fix C, part 2");
        conflicting = commit(work, "settings.py", "DEBUG = False\nSECURE = True\n", "Secure settings (#13)");
        git(work, "switch", "--quiet", RELEASE_BRANCH);
        commit(work, "settings.py", "DEBUG = False\nSECURE = False  # koa\n", "Koa settings");
        git(work, "push", "--quiet", "origin", "master", RELEASE_BRANCH);

        github.repo(REPO);
        github.commit(REPO, fork, List.of(), "Settings");
        github.commit(REPO, partA, List.of(fork), "Fix A");
        github.commit(REPO, mergeCommit, List.of(fork, partA), "Merge pull request #11 from alice/fix-a\n\nFix the mysql client");
        github.commit(REPO, squashCommit, List.of(mergeCommit), "Fix B (#12)");
        github.commit(REPO, rebasedFirst, List.of(squashCommit), "Fix C, part 1");
        github.commit(REPO, rebasedSecond, List.of(rebasedFirst), "Fix C, part 2");
        github.pulls().merged(REPO, 11, "Fix the mysql client on 20.04", "alice", List.of("bug", "backport koa.2"), mergeCommit,
                List.of(new PullCommit(partA, "Fix A")));
        github.pulls().merged(REPO, 14, "Fix C", "carol", List.of(), rebasedSecond,
                List.of(new PullCommit("c".repeat(40), "Fix C, part 1"), new PullCommit("d".repeat(40), "Fix C, part 2")));
        remotes = new GitHubRemotes(tmp.resolve("remotes"), tmp);
    }

    /** Fails when the fake GitHub received or sent what GitHub's description does not allow. */
    @AfterEach
    void gitHubConforms() {
        github.close();
    }

    private TestBot bot(PullRequests pulls) {
        TestBot bot = TestBot.builder(tmp.resolve("bot")).backports(remotes.backportCheck())
                .backportPicking(remotes.cherryPicker(), pulls).build();
        bot.git.head(REPO, TestBot.sha('b'));
        bot.expectOk("release create koa.2 --branch " + RELEASE_BRANCH + " --repos " + REPO);
        bot.expectOk("role assign koa.2 triage tina");
        return bot;
    }

    private TestBot botWithGitHub() {
        return bot(new GitHubPullRequests(GitHubApi.connect(github.url(), "ghp_test", Duration.ZERO, Clock.systemUTC())));
    }

    private List<BackportAttempt> attempts(TestBot bot) {
        return bot.store.read(tx -> tx.backportAttempts().all(KOA2));
    }

    @Test
    void aMergedPullRequestIsPickedAndItsBackportOpenedAgainstTheReleaseBranch() {
        TestBot bot = botWithGitHub();

        String reply = bot.expectOk("@tina: backport koa.2 11");

        assertThat(github.pulls().opened()).singleElement().satisfies(pr -> {
            assertThat(reply).contains("Opened https://github.com/openedx/edx-platform/pull/" + pr.number());
            assertThat(pr.title()).isEqualTo("[koa.2] Fix the mysql client on 20.04");
            assertThat(pr.base()).isEqualTo(RELEASE_BRANCH);
            assertThat(pr.head()).isEqualTo("backport/koa.2/11");
            assertThat(pr.body()).contains("Backport of https://github.com/openedx/edx-platform/pull/11 to `" + RELEASE_BRANCH + "`")
                    .contains("`git cherry-pick -x -m 1` (merge commit)")
                    .contains("- " + mergeCommit + " → " + git(bare, "rev-parse", "backport/koa.2/11"));
            assertThat(pr.labels()).containsExactly("bug", "backport koa.2");
        });
        assertThat(git(bare, "log", "-1", "--format=%B", "backport/koa.2/11")).contains("(cherry picked from commit " + mergeCommit + ")");
        assertThat(attempts(bot)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.PR_OPENED);
            assertThat(a.url()).isEqualTo("https://github.com/openedx/edx-platform/pull/" + github.pulls().opened().get(0).number());
        });
        assertThat(bot.exec("audit koa.2")).contains("backport.pr-opened").contains("edx-platform#11 on backport/koa.2/11");
    }

    @Test
    void aSecondBackportWhileTheFirstPullRequestIsOpenLinksIt() {
        TestBot bot = botWithGitHub();
        bot.expectOk("@tina: backport koa.2 11");
        String url = attempts(bot).get(0).url();

        assertThat(bot.expectOk("@tina: backport koa.2 edx-platform#11"))
                .contains("A backport pull request for edx-platform#11 is open already: " + url).contains("nothing was picked again");
        assertThat(github.pulls().opened()).hasSize(1);

        github.pulls().close(REPO, github.pulls().opened().get(0).number());
        assertThat(TextRenderer.render(bot.reply("@tina: backport koa.2 11")))
                .contains("edx-platform has a branch backport/koa.2/11 already");
        assertThat(attempts(bot)).hasSize(1);
    }

    @Test
    void aRebaseMergedPullRequestIsPickedCommitByCommit() {
        TestBot bot = botWithGitHub();

        bot.expectOk("@tina: backport koa.2 openedx/edx-platform#14");

        assertThat(git(bare, "log", "--reverse", "--format=%s", RELEASE_BRANCH + "..backport/koa.2/14").lines())
                .containsExactly("Fix C, part 1", "Fix C, part 2");
        assertThat(github.pulls().opened().get(0).body()).contains("(rebase)").contains("- " + rebasedFirst + " → ")
                .contains("- " + rebasedSecond + " → ");
    }

    @Test
    void aPullRequestGitHubRefusesIsAFailureThatLinksThePageToOpenItByHand() {
        github.pulls().merged(REPO, 12, "Fix B", "bob", List.of(), squashCommit, List.of(new PullCommit(squashCommit, "Fix B (#12)")));
        github.pulls().open(REPO, 900, "Fix B for koa", "bob", "backport/koa.2/12", RELEASE_BRANCH);
        TestBot bot = botWithGitHub();

        String reply = TextRenderer.render(bot.reply("@tina: backport koa.2 12"));

        assertThat(reply).contains("Pushed backport/koa.2/12, but GitHub did not open the pull request: ")
                .contains("A pull request already exists")
                .contains("Open it by hand: https://github.com/openedx/edx-platform/compare/" + RELEASE_BRANCH + "...backport/koa.2/12?expand=1");
        assertThat(attempts(bot)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(a.detail()).startsWith("pushed, but no pull request: ");
        });
    }

    @Test
    void withoutATokenTheBranchIsPushedAndThePageToOpenThePullRequestSaid() {
        TestBot bot = bot(PullRequests.NONE);

        String reply = bot.expectOk("@tina: backport koa.2 https://github.com/openedx/edx-platform/pull/12");

        assertThat(reply).contains("Pushed backport/koa.2/12")
                .contains("https://github.com/openedx/edx-platform/compare/" + RELEASE_BRANCH + "...backport/koa.2/12?expand=1");
        assertThat(git(bare, "log", "-1", "--format=%B", "backport/koa.2/12")).startsWith("Fix B (#12)")
                .contains("(cherry picked from commit " + squashCommit + ")");
        assertThat(attempts(bot)).singleElement().extracting(BackportAttempt::outcome).isEqualTo(Outcome.PUSHED);
    }

    @Test
    void aConflictPushesNothingAndTellsTheChannelAndTriageHowToDoItByHand() {
        TestBot bot = bot(PullRequests.NONE);

        String reply = TextRenderer.render(bot.reply("backport koa.2 13"));

        assertThat(reply).contains("The backport of edx-platform#13 to " + RELEASE_BRANCH + " conflicts")
                .contains("conflicts in settings.py. Nothing was pushed and no pull request opened.")
                .contains("git fetch origin")
                .contains("git switch -c backport/koa.2/13 origin/" + RELEASE_BRANCH)
                .contains("git cherry-pick -x " + conflicting)
                .contains("git push origin backport/koa.2/13");
        assertThat(git(bare, "branch", "--list", "backport/*")).isEmpty();
        assertThat(attempts(bot)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.CONFLICT);
            assertThat(a.conflictFiles()).containsExactly("settings.py");
        });
        assertThat(bot.chat.posts).singleElement().satisfies(p -> assertThat(TextRenderer.render(p.message()))
                .contains("conflicts in settings.py").contains("git cherry-pick -x " + conflicting));
        assertThat(bot.chat.toldTo("tina")).singleElement().satisfies(r -> assertThat(TextRenderer.render(r))
                .contains("git switch -c backport/koa.2/13 origin/" + RELEASE_BRANCH));
    }

    @Test
    void aPullRequestOnTheReleaseBranchAlreadyIsSaidSoAndNothingPicked() {
        git(work, "cherry-pick", "-x", squashCommit);
        git(work, "push", "--quiet", "origin", RELEASE_BRANCH);
        TestBot bot = bot(PullRequests.NONE);

        assertThat(bot.expectOk("@tina: backport koa.2 12"))
                .contains("edx-platform#12 is on " + RELEASE_BRANCH + " already (cherry-picked with -x): nothing to pick.");
        assertThat(git(bare, "branch", "--list", "backport/*")).isEmpty();
        assertThat(attempts(bot)).isEmpty();
    }

    @Test
    void hostileOrForeignPullRequestsAndOutsidersAreRefused() {
        TestBot bot = bot(PullRequests.NONE);

        assertThat(TextRenderer.render(bot.reply("backport koa.2 \"1;rm -rf\""))).contains("'1;rm -rf' is not a pull request");
        assertThat(TextRenderer.render(bot.reply("backport koa.2 ../x"))).contains("'../x' is not a pull request");
        assertThat(TextRenderer.render(bot.reply("backport koa.2 other/repo#12"))).contains("'other/repo' is not a repository of this release");
        assertThat(TextRenderer.render(bot.reply("@mallory: backport koa.2 12"))).contains("Only koa.2's triage (tina)");
        assertThat(git(bare, "branch", "--list", "backport/*")).isEmpty();
        assertThat(attempts(bot)).isEmpty();
    }
}
