package dev.btrbot.adapter.github;

import dev.btrbot.adapter.github.FakeGitHub.FakeIssue;
import dev.btrbot.testing.TestBot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Syncs a 30-repository release with 2,000 milestone issues (15% closed with a
 * closing commit) against the fake GitHub, and prints the API calls made cold
 * and warm beside what listing each repository's issues would need, and how
 * long the client waited for GitHub's search budget (30 a minute). The fake
 * and the client share a clock that waits move: the wait is counted, not slept.
 * Run by {@code bench/github-sync.sh}.
 */
public final class SyncBenchmark {
    public static void main(String[] args) throws Exception {
        int repos = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int issues = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Path dir = Files.createTempDirectory("btr-bench");
        Random random = new Random(42);
        Instant t0 = Instant.parse("2021-01-01T00:00:00Z");
        dev.btrbot.testing.MutableClock time = new dev.btrbot.testing.MutableClock(Instant.parse("2021-02-01T09:00:00Z"));
        try (FakeGitHub github = new FakeGitHub(time)) {
            StringBuilder list = new StringBuilder();
            Map<String, Integer> perRepo = new HashMap<>();
            for (int r = 0; r < repos; r++) {
                String slug = "openedx/repo-" + r;
                github.repo(slug);
                list.append(r == 0 ? "" : ",").append(slug);
            }
            int closed = 0;
            for (int n = 1; n <= issues; n++) {
                String slug = "openedx/repo-" + random.nextInt(repos);
                perRepo.merge(slug, 1, Integer::sum);
                boolean open = random.nextInt(100) >= 15;
                closed += open ? 0 : 1;
                Instant updated = t0.plusSeconds(random.nextInt(1_000_000));
                String label = List.of("priority:high", "priority:medium", "priority:low", "bug").get(random.nextInt(4));
                github.issue(new FakeIssue(slug, n, "issue " + n, open, List.of(label), List.of(), "Bench.1", t0, updated,
                        open ? null : updated, open ? null : String.format("%040x", n)));
            }
            GitHubApi api = GitHubApi.connect(github.url(), "bench-token", Duration.ofSeconds(5), time, time::advance);
            // as Main wires it: open issues and those closed in the last 90 days (all of the bench's closed ones, a month on)
            Clock monthLater = Clock.fixed(t0.plus(Duration.ofDays(31)), java.time.ZoneOffset.UTC);
            TestBot bot = TestBot.builder(dir).github(new GitHubBlockerSource(api, Duration.ofDays(90), monthLater), new GitHubCheckSource(api)).build();
            bot.expectOk("release create bench.1 --branch release/bench --repos " + list + " --milestone Bench.1");

            long start = System.nanoTime();
            String cold = bot.expectOk("sync bench.1");
            long coldMs = (System.nanoTime() - start) / 1_000_000;
            int coldCalls = github.requests();
            int coldCharged = github.charged();
            int coldSearch = github.requests("/search/issues");
            long coldWaits = api.limits().waits();
            Duration coldWaited = api.limits().waited();
            int coldRefused = github.refusedForLimits();
            github.resetCounts();
            start = System.nanoTime();
            String warm = bot.expectOk("sync bench.1");
            long warmMs = (System.nanoTime() - start) / 1_000_000;
            int warmCalls = github.requests();
            int warmCharged = github.charged();

            int listingPages = perRepo.values().stream().mapToInt(c -> (c + 99) / 100).sum();
            int perRepoCold = repos + listingPages + repos;
            System.out.printf("release: %d repositories, %d issues in milestone Bench.1 (%d closed with a closing commit)%n",
                    repos, issues, closed);
            System.out.printf("cold sync: %4d API calls (%d search pages, %d issue-event/repository reads), %d charged to the rate limit, %d ms%n",
                    coldCalls, coldSearch, coldCalls - coldSearch, coldCharged, coldMs);
            System.out.printf("search budget: cold %d wait(s) for its one-minute window, %d s in all; warm %d more;"
                    + " requests GitHub refused for a used-up budget: %d%n",
                    coldWaits, coldWaited.toSeconds(), api.limits().waits() - coldWaits, coldRefused + github.refusedForLimits());
            System.out.printf("warm sync: %4d API calls, %d charged to the rate limit (the rest answered 304 Not Modified), %d ms%n",
                    warmCalls, warmCharged, warmMs);
            System.out.printf("per-repo listing: %4d API calls per sync, cold or warm (%d milestone lookups + %d issue pages"
                    + " + %d issue-event reads; warm, ETags make them free but not fewer)%n", perRepoCold, repos, listingPages, repos);
            System.out.printf("finding the issues alone: %d search pages (cold), %d calls (warm) vs %d per-repo calls (%d + %d)%n",
                    coldSearch, warmCalls, repos + listingPages, repos, listingPages);
            System.out.println("cold reply: " + cold.lines().skip(1).findFirst().orElse("").strip());
            System.out.println("warm reply: " + warm.lines().skip(1).findFirst().orElse("").strip());
        }
        System.exit(0);
    }
}
