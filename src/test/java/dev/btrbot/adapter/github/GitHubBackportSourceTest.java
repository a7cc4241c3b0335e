package dev.btrbot.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.github.FakeGitHub.FakeIssue;
import dev.btrbot.core.port.BackportCheck.Containment;
import dev.btrbot.testing.MutableClock;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backport candidates by label from the fake GitHub (held to GitHub's OpenAPI description): merged pull requests
 * carrying one of the release's labels, in any case, with the merge commit their merged event names. A rebase-merged
 * pull request, whose commit names no #N, is found this way only.
 */
class GitHubBackportSourceTest {
    static final Instant T0 = Instant.parse("2021-01-11T10:00:00Z");
    static final String MERGED = "c".repeat(40);
    static final String REBASED = "d".repeat(40);

    @TempDir
    Path dir;
    final MutableClock time = new MutableClock(Instant.parse("2021-02-01T09:00:00Z"));
    final FakeGitHub github = new FakeGitHub(time);
    TestBot bot;

    static FakeIssue mergedPr(String repo, int n, String title, String label, String mergeCommit) {
        return new FakeIssue(repo, n, title, false, List.of(label), List.of(), null, T0, T0.plusSeconds(n), T0.plusSeconds(n),
                mergeCommit, true);
    }

    @BeforeEach
    void koa2() {
        github.repo("openedx/configuration");
        github.repo("openedx/edx-platform");
        GitHubApi api = GitHubApi.connect(github.url(), "ghp_secret-test-token", Duration.ofSeconds(3), time, time::advance);
        bot = TestBot.builder(dir).clock(time).backportSource(new GitHubBackportSource(api)).build();
        bot.git.head("openedx/configuration", TestBot.sha('a'));
        bot.git.head("openedx/edx-platform", TestBot.sha('b'));
        bot.expectOk("release create koa.2 --branch open-release/koa.master --repos openedx/configuration,openedx/edx-platform");
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void mergedPullRequestsCarryingABackportLabelArePendingUntilOnTheBranch() {
        github.issue(mergedPr("openedx/configuration", 6213, "Fix nginx config for 20.04", "Backport Koa", MERGED));
        github.issue(mergedPr("openedx/edx-platform", 6400, "Rebased fix", "needs backport to open-release/koa.master", REBASED));
        github.issue(mergedPr("openedx/configuration", 6300, "Lilac only", "backport lilac", "e".repeat(40)));
        github.issue(new FakeIssue("openedx/configuration", 6301, "Closed unmerged", false, List.of("backport koa"), List.of(), null,
                T0, T0, T0, null, true));
        github.issue(new FakeIssue("openedx/configuration", 7000, "An issue, not a pull request", true, List.of("affects:koa.2"),
                List.of(), null, T0, T0, null, null));

        String sync = bot.expectOk("sync koa.2");

        assertThat(sync).contains("2 new backport candidates (openedx/configuration#6213 (label 'backport koa'),"
                + " openedx/edx-platform#6400 (label 'needs backport to open-release/koa.master'))");
        assertThat(bot.exec("backports koa.2")).contains("openedx/configuration#6213 'Fix nginx config for 20.04' by stephenc,"
                        + " merged 20 days ago (label 'backport koa'; cccccccccc)")
                .contains("openedx/edx-platform#6400 'Rebased fix' by stephenc").doesNotContain("6300").doesNotContain("6301")
                .doesNotContain("7000");
        assertThat(bot.exec("status koa.2")).contains("Backport pending: openedx/configuration#6213 'Fix nginx config for 20.04' is not"
                + " on open-release/koa.master; cherry-pick it (backport koa.2 configuration#6213) or decline it (backport koa.2 decline"
                + " configuration#6213 <reason>).");

        bot.git.backport(MERGED, Containment.CHERRY_PICKED);
        bot.git.backport(REBASED, Containment.ON_BRANCH);
        bot.git.head("openedx/configuration", TestBot.sha('e')); // the branch moved

        assertThat(bot.exec("status koa.2")).doesNotContain("Backport pending");
        assertThat(bot.exec("backports koa.2")).contains("0 pending, 2 on open-release/koa.master")
                .contains("— cherry-picked with -x").contains("— its commit is on the branch");
        assertThat(github.searchesReceived()).contains("repo:openedx/configuration repo:openedx/edx-platform label:\"backport koa\""
                + " is:pull-request is:merged");
        assertThat(github.violations()).isEmpty();
    }

    @Test
    void aPullRequestAlreadyInTheQueueIsNotLookedUpAgain() {
        github.issue(mergedPr("openedx/configuration", 6213, "Fix nginx config for 20.04", "backport koa.2", MERGED));
        bot.expectOk("sync koa.2");
        int eventReads = github.requests("/repos/openedx/configuration/issues");

        String again = bot.expectOk("sync koa.2");

        assertThat(again).contains("Backports: 1 backport pending.");
        assertThat(github.requests("/repos/openedx/configuration/issues")).isEqualTo(eventReads);
    }

    @Test
    void theDeclinedByAndWhyShowInTheQueueAndTheGateOpensForIt() {
        github.issue(mergedPr("openedx/configuration", 6213, "Fix nginx config for 20.04", "affects:koa", MERGED));
        bot.expectOk("sync koa.2");

        bot.expectOk("backport koa.2 decline https://github.com/openedx/configuration/pull/6213 only affects the AWS installer");

        assertThat(bot.exec("status koa.2")).doesNotContain("Backport pending");
        assertThat(bot.exec("backports koa.2")).contains("— declined by ned 2021-02-01T09:00:00Z: only affects the AWS installer");
    }
}
