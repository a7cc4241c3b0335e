package dev.btrbot.adapter.github;

import dev.btrbot.adapter.github.FakeGitHub.FakeIssue;
import dev.btrbot.testing.MutableClock;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real GitHub adapters on a bot, against a fake GitHub that shares their
 * time: rate-limit windows run on {@link #time}, and a wait for one moves it
 * (and is noted in {@link #waits}) instead of sleeping. Release koa.2 takes its
 * blockers from milestone Koa.2 in two repositories.
 */
final class GitHubTestBed implements AutoCloseable {
    static final Instant T0 = Instant.parse("2021-01-20T10:00:00Z");
    static final String TOKEN = "ghp_secret-test-token";

    final MutableClock time = new MutableClock(Instant.parse("2021-02-01T09:00:00Z"));
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final PatientLimits.Sleeper sleeper = d -> {
        waits.add(d);
        time.advance(d);
    };
    final FakeGitHub github = new FakeGitHub(time);
    final GitHubApi api;
    final TestBot bot;

    /** @param maxWait how long the client may wait for the core budget or a secondary limit */
    GitHubTestBed(Path dir, Duration maxWait) {
        github.repo("openedx/configuration");
        github.repo("openedx/edx-platform");
        api = GitHubApi.connect(github.url(), TOKEN, maxWait, time, sleeper);
        bot = TestBot.builder(dir).github(new GitHubBlockerSource(api), new GitHubCheckSource(api)).build();
        bot.git.head("openedx/configuration", TestBot.sha('a'));
        bot.git.head("openedx/edx-platform", TestBot.sha('b'));
        bot.expectOk("release create koa.2 --branch open-release/koa.master --repos openedx/configuration,openedx/edx-platform"
                + " --milestone Koa.2 --checks native-install");
    }

    static FakeIssue open(String repo, int n, String title, List<String> labels, String... assignees) {
        return new FakeIssue(repo, n, title, true, labels, List.of(assignees), "Koa.2", T0, T0.plusSeconds(n), null, null);
    }

    static FakeIssue closed(String repo, int n, String title, String fixCommit) {
        return new FakeIssue(repo, n, title, false, List.of("priority:high"), List.of(), "Koa.2", T0, T0.plusSeconds(600),
                T0.plusSeconds(600), fixCommit);
    }

    /** Fails when the fake GitHub received or sent anything GitHub's description does not allow. */
    @Override
    public void close() {
        github.close();
    }
}
