package dev.btrbot.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.btrbot.core.BotSettings;
import dev.btrbot.core.ForumSettings;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.testing.MutableClock;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forum report made a blocker is filed as a GitHub issue (POST /repos/{owner}/{repo}/issues, its body held to
 * GitHub's description) with the release's milestone and label, and the release's sync then keeps that one blocker.
 */
class GitHubIssueTrackerTest {
    static final String REPO = "openedx/build-test-release-wg";
    final MutableClock time = new MutableClock(Instant.parse("2021-02-01T09:00:00Z"));
    final FakeGitHub github = new FakeGitHub(time);

    @TempDir
    Path dir;

    @AfterEach
    void heldToGitHubsDescription() {
        assertThat(github.violations()).isEmpty();
        github.close();
    }

    GitHubIssueTracker tracker() {
        return new GitHubIssueTracker(GitHubApi.connect(github.url(), "ghp_test", Duration.ZERO, time));
    }

    @Test
    void anIssueIsOpenedWithTheMilestoneAndLabelsAndItsLinkReturned() {
        github.milestone(REPO, "Koa.1");
        github.milestone(REPO, "Koa.2");

        String url = tracker().open(REPO, "koa.2 install fails", "Reported on the forum: https://discuss.example.org/t/4132/1",
                "Koa.2", List.of("affects:koa"));

        assertThat(url).endsWith("/" + REPO + "/issues/1");
        assertThat(github.createdBody(REPO, 1)).contains("https://discuss.example.org/t/4132/1");
        assertThat(github.requests("/repos/" + REPO + "/issues")).isEqualTo(1);
    }

    @Test
    void aMilestoneTheRepositoryLacksOrARepositoryThatIsNotThereIsRefusedInWords() {
        github.repo(REPO);
        assertThatThrownBy(() -> tracker().open(REPO, "t", "b", "Koa.2", List.of())).isInstanceOf(Unavailable.class)
                .hasMessage(REPO + " has no milestone 'Koa.2': create it, or open the issue by hand.");
        assertThatThrownBy(() -> tracker().open("openedx/nothing", "t", "b", null, List.of())).isInstanceOf(Unavailable.class)
                .hasMessageContaining("404");
        assertThat(github.requests("/repos/" + REPO + "/issues")).isZero();
    }

    @Test
    void makingAForumReportABlockerFilesTheIssueTheSyncThenKeepsAsTheSameBlocker() {
        github.repo("openedx/configuration");
        github.milestone(REPO, "Koa.2");
        GitHubApi api = GitHubApi.connect(github.url(), "ghp_test", Duration.ZERO, time);
        BotSettings settings = TestBot.settings().withForum(new ForumSettings(Set.of(), ForumSettings.DEFAULT_POLL_INTERVAL, REPO));
        TestBot bot = TestBot.builder(dir).clock(time).settings(settings).watchingForum().issueTracker(new GitHubIssueTracker(api))
                .github(new GitHubBlockerSource(api), new GitHubCheckSource(api)).build();
        bot.git.head("openedx/configuration", TestBot.sha('a'));
        bot.git.head(REPO, TestBot.sha('b'));
        bot.expectOk("release create koa.2 --branch open-release/koa.master --repos openedx/configuration," + REPO
                + " --milestone Koa.2 --label affects:koa");
        bot.expectOk("role assign koa.2 triage tina");
        bot.forum.topic(4132, "koa.2 install fails", "jill", time.instant(), "mysql client", null);
        bot.tick();

        String made = bot.exec("@tina: forum blocker koa.2 1 high");
        assertThat(made).contains("Opened https://github.com/" + REPO + "/issues/1 (it links the thread)")
                .contains("Replied on the thread with the issue's link.");
        assertThat(github.createdBody(REPO, 1)).contains("https://discuss.example.org/t/4132/1").contains("> mysql client");

        bot.expectOk("sync koa.2");
        String blockers = bot.exec("blockers koa.2");
        assertThat(blockers).contains("https://github.com/" + REPO + "/issues/1").contains("high").doesNotContain("#2 ");
        assertThat(bot.forum.replies).hasSize(1);
    }
}
