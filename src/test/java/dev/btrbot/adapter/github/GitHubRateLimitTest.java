package dev.btrbot.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.core.BlockerSync;
import dev.btrbot.domain.MemberId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub's limits as api.github.com applies them, against the real client:
 * the search budget (30 a minute) apart from core's (5,000 an hour), and
 * secondary limits as 403 or 429 with or without {@code Retry-After}. The
 * client and the fake share a clock that waits move, so nothing really sleeps.
 */
class GitHubRateLimitTest {
    @TempDir
    Path dir;
    GitHubTestBed bed;

    @AfterEach
    void stop() {
        bed.close();
    }

    private GitHubTestBed bed(Duration maxWait) {
        bed = new GitHubTestBed(dir, maxWait);
        bed.github.issue(GitHubTestBed.open("openedx/configuration", 1, "one", List.of("priority:high")));
        return bed;
    }

    @Test
    void aSyncOfManyReleasesPacesItsSearchesWithinTheirOwnBudgetOf30AMinute() {
        bed(Duration.ofSeconds(3));
        for (int r = 3; r <= 10; r++) {
            bed.bot.expectOk("release create koa." + r + " --branch b --repos openedx/configuration --milestone Koa." + r
                    + " --label affects:koa." + r);
        }

        List<BlockerSync.Outcome> outcomes = bed.bot.wiring.blockerSync().syncAll(new MemberId("btr-bot"));

        assertThat(outcomes).hasSize(9).allMatch(o -> !o.failed(), "synced");
        assertThat(bed.github.searchesReceived()).as("by milestone and by label, is:issue and is:pull-request: each its own search")
                .hasSize(2 + 8 * 4).doesNotHaveDuplicates();
        assertThat(bed.github.refusedForLimits()).as("paced: no search was sent past the budget").isZero();
        assertThat(bed.waits).as("one wait for the minute's window to reset, however short the core wait is").hasSize(1)
                .allMatch(w -> w.compareTo(Duration.ofSeconds(61)) <= 0);
    }

    @Test
    void aUsedUpSearchBudgetIsWaitedOutWithinItsMinuteWhateverTheCoreWait() {
        bed(Duration.ZERO);
        bed.github.exhaust("search", Duration.ofSeconds(45));

        assertThat(bed.bot.expectOk("sync koa.2")).contains("1 new");
        assertThat(bed.waits).containsExactly(Duration.ofSeconds(46));
    }

    @Test
    void aSearchBudgetThatDoesNotResetWithinAMinuteIsNamedInTheMessage() {
        bed(Duration.ofSeconds(3));
        bed.github.exhaust("search", Duration.ofMinutes(5));

        var reply = bed.bot.reply("sync koa.2");

        assertThat(reply.isError()).isTrue();
        assertThat(reply.title()).contains("GitHub's search rate limit (30 requests a minute) is used up until 2021-02-01T09:05:00Z")
                .doesNotContain("core");
        assertThat(bed.waits).isEmpty();
    }

    @Test
    void aSecondaryLimitWithoutRetryAfterBacksOffAMinuteAndIsNeverCalledAMissingScope() {
        bed(Duration.ofSeconds(3));
        bed.github.secondaryLimitNext(403, null);

        var reply = bed.bot.reply("sync koa.2");

        assertThat(reply.title()).contains("GitHub's secondary rate limit (403)", "at least a minute", "until 2021-02-01T09:01:00Z")
                .doesNotContain("scope");
        int sent = bed.github.requests();
        assertThat(bed.bot.reply("sync koa.2").title()).as("within the minute nothing is sent").contains("secondary rate limit");
        assertThat(bed.github.requests()).isEqualTo(sent);
        bed.time.advance(Duration.ofSeconds(60));
        assertThat(bed.bot.expectOk("sync koa.2")).contains("1 new");
    }

    @Test
    void aSecondaryLimitThatComesBackIsBackedOffTwiceAsLong() {
        bed(Duration.ofSeconds(3));
        bed.github.secondaryLimitNext(429, null);
        bed.bot.reply("sync koa.2");
        bed.time.advance(Duration.ofSeconds(60));
        bed.github.secondaryLimitNext(403, null);

        var reply = bed.bot.reply("sync koa.2");

        assertThat(reply.title()).contains("2 minutes", "until 2021-02-01T09:03:00Z");
    }

    @Test
    void aSecondaryLimitIsWaitedOutAndRetriedWhenItsWaitIsAllowed() {
        bed(Duration.ofMinutes(2));
        bed.github.secondaryLimitNext(403, null);

        assertThat(bed.bot.expectOk("sync koa.2")).contains("1 new");
        assertThat(bed.waits).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void aSecondaryLimitWhoseRetryAfterIsTooLongFailsFastSayingUntilWhen() {
        bed(Duration.ofSeconds(3));
        bed.github.secondaryLimitNext(429, 300);

        var reply = bed.bot.reply("sync koa.2");

        assertThat(reply.title()).contains("Retry-After: 300 s", "until 2021-02-01T09:05:00Z");
        assertThat(bed.waits).isEmpty();
    }
}
