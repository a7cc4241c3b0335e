package dev.btrbot.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.github.FakeGitHub.FakeIssue;
import dev.btrbot.testing.MutableClock;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real github-api client, through the GitHub adapter and the command core,
 * against a fake GitHub on 127.0.0.1 that speaks GitHub's JSON, paging,
 * ETags and limits, and counts what it receives.
 */
class GitHubSyncTest {
    static final Instant T0 = GitHubTestBed.T0;

    @TempDir
    Path dir;
    GitHubTestBed bed;
    MutableClock time;
    List<Duration> waits;
    FakeGitHub github;
    GitHubApi api;
    TestBot bot;

    @BeforeEach
    void start() {
        bed = new GitHubTestBed(dir, Duration.ofSeconds(3));
        time = bed.time;
        waits = bed.waits;
        github = bed.github;
        api = bed.api;
        bot = bed.bot;
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    static FakeIssue open(String repo, int n, String title, List<String> labels, String... assignees) {
        return GitHubTestBed.open(repo, n, title, labels, assignees);
    }

    @Test
    void syncTurnsMilestoneIssuesIntoBlockersWithPriorityFromLabels() {
        github.issue(open("openedx/configuration", 101, "mysql client fails on 20.04", List.of("priority:high"), "pierre"));
        github.issue(open("openedx/edx-platform", 202, "theme broken", List.of("bug")));
        github.issue(open("openedx/edx-platform", 203, "docs typo", List.of("P3")));
        github.issue(new FakeIssue("openedx/edx-platform", 204, "other release", true, List.of("P0"), List.of(), "Lilac.1", T0, T0,
                null, null));

        String reply = bot.expectOk("sync koa.2");

        assertThat(reply).contains("3 new");
        String blockers = bot.exec("blockers koa.2");
        assertThat(blockers).contains("openedx/configuration#101 mysql client fails on 20.04", "assigned to @pierre")
                .contains("openedx/edx-platform#202 theme broken", "untriaged", "unassigned")
                .contains("low (1)").doesNotContain("other release");
        assertThat(bot.exec("status koa.2")).contains("(high) is open: mysql client fails on 20.04", "is untriaged: theme broken",
                "blockers refreshed just now");
        assertThat(bot.exec("audit koa.2")).contains("blocker.sync", "3 new");
    }

    @Test
    void anUnchangedSyncCostsNoRateLimitAndOneRequest() {
        for (int n = 1; n <= 150; n++) {
            github.issue(open(n % 2 == 0 ? "openedx/configuration" : "openedx/edx-platform", n, "issue " + n, List.of("priority:low")));
        }
        bot.expectOk("sync koa.2");
        assertThat(github.requests("/search/issues")).as("150 issues, 100 a page: two pages via Link; and no pull request")
                .isEqualTo(3);
        assertThat(bot.exec("blockers koa.2")).contains("low (150)");

        github.resetCounts();
        assertThat(bot.expectOk("sync koa.2")).contains("Nothing changed (150 issues)");
        assertThat(github.requests()).as("page 1 of each search asked again, answered 304").isEqualTo(2);
        assertThat(github.charged()).as("requests that cost rate limit").isZero();

        github.issue(new FakeIssue("openedx/configuration", 2, "issue 2", true, List.of("priority:high"), List.of(), "Koa.2", T0,
                T0.plusSeconds(9999), null, null));
        github.resetCounts();
        assertThat(bot.expectOk("sync koa.2")).contains("1 priority changed");
        assertThat(github.requests("/search/issues")).isEqualTo(3);
    }

    @Test
    void aClosingCommitBecomesTheFixAndAMissingBackportShutsTheGate() {
        String fix = "d".repeat(40);
        github.issue(open("openedx/configuration", 7, "mysql client", List.of("priority:high")));
        bot.expectOk("sync koa.2");
        github.issue(new FakeIssue("openedx/configuration", 7, "mysql client", false, List.of("priority:high"), List.of(), "Koa.2", T0,
                T0.plusSeconds(600), T0.plusSeconds(600), fix));

        assertThat(bot.expectOk("sync koa.2")).contains("1 closed", "1 fix commit");

        assertThat(bot.exec("blockers koa.2 --all")).contains("resolved", "fix configuration@dddddddddd");
        assertThat(bot.exec("status koa.2")).contains("Missing backport: fix dddddddddd in configuration (blocker #1 mysql client)");
        github.resetCounts();
        bot.expectOk("sync koa.2");
        assertThat(github.requests("/repos/openedx/configuration/issues/events")).as("a known closing is not read again").isZero();
    }

    static FakeIssue closedLongAgo(int n, String fix) {
        return new FakeIssue("openedx/configuration", n, "old issue " + n, false, List.of("priority:high"), List.of(), "Koa.2",
                T0.minusSeconds(86_400L * 200), T0.minusSeconds(86_400L * 150 - n), T0.minusSeconds(86_400L * 150 - n), fix);
    }

    @Test
    void anIssueClosedLongAgoInABusyRepositoryGetsItsFixFromItsOwnEventsOnce() {
        String fix = "c".repeat(40);
        github.issue(closedLongAgo(7, fix));
        github.busy("openedx/configuration", 1_200);

        assertThat(bot.expectOk("sync koa.2")).contains("1 new", "1 fix commit");

        assertThat(github.requests("/repos/openedx/configuration/issues/events")).as("the repository's events, as far as they go")
                .isEqualTo(FixCommitLookup.MAX_EVENT_PAGES);
        assertThat(github.requests("/repos/openedx/configuration/issues/7/events")).isEqualTo(1);
        assertThat(bot.exec("blockers koa.2 --all")).as("the closing commit, not the commit that only mentioned it")
                .contains("fix configuration@cccccccccc").doesNotContain("eeeeeeeeee");
        github.resetCounts();
        assertThat(bot.expectOk("sync koa.2")).contains("Nothing changed");
        assertThat(github.requests("/repos/openedx/configuration/issues")).as("neither events read again").isZero();
    }

    @Test
    void issuesClosedWithoutACommitAreAskedAboutAFewPerSyncAndOnlyOnce() {
        github.busy("openedx/configuration", 1_200);
        for (int n = 1; n <= 25; n++) {
            github.issue(closedLongAgo(n, null));
        }

        bot.expectOk("sync koa.2");
        int first = github.requests("/repos/openedx/configuration/issues/") - github.requests("/repos/openedx/configuration/issues/events");
        github.resetCounts();
        bot.expectOk("sync koa.2");
        int second = github.requests("/repos/openedx/configuration/issues/") - github.requests("/repos/openedx/configuration/issues/events");
        github.resetCounts();
        bot.expectOk("sync koa.2");
        int third = github.requests("/repos/openedx/configuration/issues/");

        assertThat(first).as("20 issues, each read and its events read").isEqualTo(2 * 20);
        assertThat(second).as("the 5 left").isEqualTo(2 * 5);
        assertThat(third).as("none asked twice").isZero();
    }

    @Test
    void onlyIssuesClosedWithinTheWindowAreFetchedBySearchesThatStayFreeWhenWarm() {
        Clock now = Clock.fixed(Instant.parse("2021-02-01T09:00:00Z"), java.time.ZoneOffset.UTC);
        GitHubBlockerSource windowed = new GitHubBlockerSource(api, Duration.ofDays(90), now);
        assertThat(IssueQueries.states(Duration.ofDays(90), now.instant())).as("90 days back, on a 7-day step so the query text holds for a week")
                .containsExactly(" is:open", " is:closed closed:>=2020-10-29");
        TestBot recent = TestBot.builder(dir.resolve("windowed")).github(windowed, new GitHubCheckSource(api)).build();
        recent.git.head("openedx/configuration", TestBot.sha('a'));
        recent.expectOk("release create koa.3 --branch b --repos openedx/configuration --milestone Koa.2");
        github.issue(new FakeIssue("openedx/configuration", 1, "open for a year", true, List.of("priority:high"), List.of(), "Koa.2",
                T0.minusSeconds(86_400L * 365), T0.minusSeconds(86_400L * 365), null, null));
        github.issue(closedLongAgo(2, null));
        github.issue(new FakeIssue("openedx/configuration", 3, "closed last week", false, List.of("priority:high"), List.of(), "Koa.2",
                T0, T0.plusSeconds(60), T0.plusSeconds(60), "d".repeat(40)));

        assertThat(recent.expectOk("sync koa.3")).contains("2 new", "1 fix commit");

        assertThat(recent.exec("blockers koa.3 --all")).contains("open for a year", "closed last week").doesNotContain("old issue 2");
        assertThat(github.requests("/search/issues")).as("open and recently closed, issues and pull requests").isEqualTo(4);
        github.resetCounts();
        assertThat(recent.expectOk("sync koa.3")).contains("Nothing changed (2 issues)");
        assertThat(github.requests()).isEqualTo(4);
        assertThat(github.charged()).isZero();
    }

    @Test
    void requiredChecksMustHaveSucceededOnEveryCandidateShaWithLinks() {
        github.checkRun("openedx/configuration", TestBot.sha('a'), "native-install", "completed", "failure");
        github.status("openedx/edx-platform", TestBot.sha('b'), "native-install", "success");

        String status = bot.exec("status koa.2");

        assertThat(status).contains("Required check native-install failed on configuration@aaaaaaaaaa (https://github.com/openedx/configuration/runs/")
                .doesNotContain("native-install failed on edx-platform").doesNotContain("native-install succeeded on configuration")
                .contains("✅ Required check native-install succeeded on edx-platform@bbbbbbbbbb");

        github.checkRun("openedx/configuration", TestBot.sha('a'), "native-install", "completed", "success");
        assertThat(bot.exec("status koa.2")).doesNotContain("native-install failed");
    }

    @Test
    void aBadTokenGivesAClearMessageAndStatusStillAnswersFromTheStore() {
        github.issue(open("openedx/configuration", 1, "stored one", List.of("priority:high")));
        bot.expectOk("sync koa.2");
        github.badToken(true);

        var reply = bot.reply("sync koa.2");

        assertThat(reply.isError()).isTrue();
        assertThat(reply.title()).contains("GitHub refused the token (401 Bad credentials): check GITHUB_TOKEN")
                .contains("stored blockers are unchanged").doesNotContain("ghp_secret").doesNotContain("Exception");
        String status = bot.exec("status koa.2");
        assertThat(status).contains("GitHub unreachable since", "showing stored data", "stored one");
    }

    @Test
    void aUsedUpCoreBudgetIsNamedWithUntilWhenAndNothingIsSentToItBeforeItsReset() {
        github.issue(open("openedx/configuration", 7, "mysql client", List.of("priority:high")));
        bot.expectOk("sync koa.2");
        github.issue(new FakeIssue("openedx/configuration", 7, "mysql client", false, List.of("priority:high"), List.of(), "Koa.2", T0,
                T0.plusSeconds(600), T0.plusSeconds(600), "d".repeat(40)));
        github.exhaust("core", Duration.ofMinutes(40));

        String reply = bot.exec("sync koa.2");

        assertThat(reply).as("searches have their own budget; reading fix commits needs core")
                .contains("1 closed", "GitHub's core rate limit (5,000 requests an hour) is used up until 2021-02-01T09:40:00Z")
                .doesNotContain("fix commit");
        assertThat(waits).as("40 minutes is more than the 3 s it may wait").isEmpty();
        github.resetCounts();
        assertThat(bot.exec("sync koa.2")).contains("core rate limit");
        assertThat(github.requests("/repos")).as("nothing is sent to core before its reset").isZero();
        time.advance(Duration.ofMinutes(41));
        assertThat(bot.expectOk("sync koa.2")).as("after it, the fix is read").contains("1 fix commit");
    }

    private String storedBlockersAndAudit() {
        var koa = new dev.btrbot.domain.ReleaseName("koa.2");
        return bot.store.read(tx -> tx.blockers().forRelease(koa).toString() + tx.audit().forRelease(koa));
    }

    @Test
    void aSecondaryRateLimitWithRetryAfterWithinTheWaitIsWaitedOutAndRetried() {
        github.issue(open("openedx/configuration", 1, "one", List.of("priority:high")));
        github.secondaryLimitNext(429, 2);

        assertThat(bot.expectOk("sync koa.2")).contains("1 new");
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThat(github.searchesReceived().get(0)).as("the refused search, sent again").isEqualTo(github.searchesReceived().get(1));
    }

    @Test
    void aDeletedRepositoryIsNamedAndTheRestStillSyncs() {
        github.issue(open("openedx/configuration", 1, "still here", List.of("priority:high")));
        github.deleteRepo("openedx/edx-platform");

        String reply = bot.expectOk("sync koa.2");

        assertThat(reply).contains("1 new", "Repository openedx/edx-platform was not found on GitHub");
        assertThat(bot.exec("blockers koa.2")).contains("still here");
    }

    @Test
    void anEnterpriseRepositoryThatCannotBeReadKeepsItsBlockers() throws Exception {
        github.webUrl("https://127.0.0.1");
        GitHubApi enterprise = GitHubApi.connect(github.url() + "/api/v3", GitHubTestBed.TOKEN, Duration.ofSeconds(3), time,
                bed.sleeper);
        Path other = java.nio.file.Files.createDirectory(dir.resolve("enterprise"));
        TestBot ghe = TestBot.builder(other).github(new GitHubBlockerSource(enterprise), new GitHubCheckSource(enterprise)).build();
        String configuration = "https://127.0.0.1/openedx/configuration.git";
        String platform = "https://127.0.0.1/openedx/edx-platform";
        ghe.git.head(configuration, TestBot.sha('a'));
        ghe.git.head(platform, TestBot.sha('b'));
        ghe.expectOk("release create koa.2 --branch open-release/koa.master --repos " + configuration + "," + platform + " --milestone Koa.2");
        github.issue(open("openedx/configuration", 1, "still here", List.of("priority:high")));
        github.issue(open("openedx/edx-platform", 2, "on the repository that goes away", List.of("priority:high")));
        assertThat(ghe.expectOk("sync koa.2")).contains("2 new");
        github.deleteRepo("openedx/edx-platform");

        String reply = ghe.expectOk("sync koa.2");

        assertThat(reply).contains("Repository openedx/edx-platform was not found on GitHub").doesNotContain("no longer in");
        assertThat(ghe.exec("blockers koa.2")).contains("openedx/edx-platform#2 on the repository that goes away", "still here");
        assertThat(github.requests("/search/issues")).isPositive();
    }

    @Test
    void aMilestoneNoIssueCarriesIsReportedNotCrashed() {
        String reply = bot.expectOk("sync koa.2");

        assertThat(reply).contains("Nothing changed", "carries milestone:\"Koa.2\"");
    }

    @Test
    void anUnreachableGitHubIsSaidPlainly() {
        github.close();

        var reply = bot.reply("sync koa.2");

        assertThat(reply.title()).contains("GitHub is unreachable at http://127.0.0.1:", "(connection refused)").doesNotContain("Exception");
        assertThat(bot.exec("status koa.2")).contains("GitHub unreachable since 2021-02-01T09:00:00Z");
    }

    @Test
    void manualBlockersLiveBesideSyncedOnes() {
        bot.expectOk("blocker add koa.2 https://discuss.openedx.org/t/4132 --priority high --title \"forum report\"");
        bot.expectOk("blocker add koa.2 https://github.com/openedx/configuration/issues/5 --priority critical");
        github.issue(open("openedx/configuration", 5, "same issue on GitHub", List.of("priority:low")));

        bot.expectOk("sync koa.2");

        String blockers = bot.exec("blockers koa.2");
        assertThat(blockers).contains("#1 forum report", "critical (1)", "#2 openedx/configuration#5 same issue on GitHub");
    }

    // ---- GitHub as it answers today ----

    @Test
    void everySearchSaysIsIssueOrIsPullRequestAndAPullRequestInTheMilestoneBlocksToo() {
        github.issue(open("openedx/configuration", 1, "mysql client fails", List.of("priority:high")));
        github.issue(new FakeIssue("openedx/edx-platform", 2, "Fix the theme", true, List.of("priority:high"), List.of(), "Koa.2", T0,
                T0.plusSeconds(2), null, null, true));

        assertThat(bot.expectOk("sync koa.2")).contains("2 new");

        assertThat(bot.exec("blockers koa.2")).contains("openedx/configuration#1 mysql client fails", "openedx/edx-platform#2 Fix the theme");
        assertThat(github.searchesReceived()).isNotEmpty()
                .allMatch(q -> q.contains(" is:issue") ^ q.contains(" is:pull-request"), "names exactly one of is:issue, is:pull-request");
    }

    @Test
    void gitHubsOwn422ForASearchNamingNeitherIsSaidForWhatItIs() {
        var search = api.gitHub().searchIssues().q("repo:openedx/configuration milestone:\"Koa.2\"").list().withPageSize(100);

        java.io.IOException refused = org.assertj.core.api.Assertions.catchThrowableOfType(java.io.IOException.class, () -> {
            try {
                search.iterator().hasNext();
            } catch (org.kohsuke.github.GHException e) {
                throw (java.io.IOException) e.getCause();
            }
        });

        assertThat(api.describe(refused, "searching issues")).contains("422", "Query must include 'is:issue' or 'is:pull-request'",
                "every issue search must say is:issue or is:pull-request").doesNotContain("does not exist");
    }

    @Test
    void aSearchRefusedForAnotherReasonIsReportedInGitHubsWordsNotAsAMissingRepository() {
        github.issue(open("openedx/configuration", 1, "one", List.of("priority:high")));
        github.refuseNextSearch("The search contains only logical operators (AND / OR / NOT) without any search terms.");

        var reply = bot.reply("sync koa.2");

        assertThat(reply.title()).contains("422: Validation Failed: The search contains only logical operators")
                .doesNotContain("does not exist");
        assertThat(github.requests("/repos")).as("no repository is probed for a refusal that is not about one").isZero();
    }

    @Test
    void aPartialSearchResultClosesNothingItLeftOutSaysSoAndTheNextSyncAsksAgain() {
        github.issue(open("openedx/configuration", 1, "one", List.of("priority:high")));
        github.issue(open("openedx/configuration", 2, "two", List.of("priority:high")));
        bot.expectOk("sync koa.2");
        github.issue(GitHubTestBed.closed("openedx/configuration", 1, "one", null));
        github.searchTimesOut(i -> i.number() == 2);

        String reply = bot.expectOk("sync koa.2");

        assertThat(reply).contains("1 closed", "GitHub returned a partial result at 2021-02-01T09:00:00Z").doesNotContain("no longer in");
        assertThat(bot.exec("blockers koa.2")).contains("openedx/configuration#2 two");
        assertThat(bot.exec("status koa.2")).contains("GitHub returned a partial result at 2021-02-01T09:00:00Z")
                .contains("is open: two");
        github.resetCounts();
        assertThat(bot.expectOk("sync koa.2")).as("the same partial answer again, a free 304: still partial, still closing nothing")
                .contains("GitHub returned a partial result", "Nothing changed").doesNotContain("1 closed");
        assertThat(github.notModified()).isPositive();
        assertThat(bot.exec("blockers koa.2")).contains("openedx/configuration#2 two");
        github.searchTimesOut(null);
        github.issue(GitHubTestBed.closed("openedx/configuration", 2, "two", null));
        assertThat(bot.expectOk("sync koa.2")).contains("1 closed").doesNotContain("partial");
        assertThat(bot.exec("status koa.2")).doesNotContain("partial result");
    }

    @Test
    void weakETagsAreSentBackAsTheyCameAndAnsweredNotModified() {
        github.issue(open("openedx/configuration", 1, "one", List.of("priority:high")));
        bot.expectOk("sync koa.2");
        github.resetCounts();

        bot.expectOk("sync koa.2");

        assertThat(github.ifNoneMatchReceived()).hasSize(2).allMatch(tag -> tag.startsWith("W/\"") && tag.endsWith("\""));
        assertThat(github.notModified()).isEqualTo(2);
    }

    @Test
    void anIssueDeletedSinceTheSearchListedItIsSkippedLikeOneNotFoundAndNotAskedAgain() {
        github.busy("openedx/configuration", 1_200);
        github.issue(closedLongAgo(7, null));
        github.gone("openedx/configuration", 7);

        String reply = bot.expectOk("sync koa.2");

        assertThat(reply).contains("1 new").doesNotContain("could not be read").doesNotContain("410");
        github.resetCounts();
        bot.expectOk("sync koa.2");
        assertThat(github.requests("/repos/openedx/configuration/issues/7")).isZero();
    }

    @Test
    void fixCommitsAreFoundWhateverOrderAPageOfEventsComesIn() {
        github.issue(open("openedx/configuration", 7, "mysql client", List.of("priority:high")));
        bot.expectOk("sync koa.2");
        github.issue(GitHubTestBed.closed("openedx/configuration", 7, "mysql client", "d".repeat(40)));
        github.olderEvents("openedx/configuration", 5);
        github.eventsOldestFirstInAPage(true);

        assertThat(bot.expectOk("sync koa.2")).contains("1 closed", "1 fix commit");
        assertThat(github.requests("/repos/openedx/configuration/issues/7")).as("found in the repository's events, not looked up alone")
                .isZero();
    }
}
