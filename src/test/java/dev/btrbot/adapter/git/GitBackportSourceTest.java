package dev.btrbot.adapter.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.core.port.BackportSource;
import dev.btrbot.domain.BackportLabels;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.PullRequestRef;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.testing.BackportHistory;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitBackportSourceTest {
    @TempDir
    Path tmp;

    private BackportSource.Found find(BackportHistory h, Path cache) {
        return new GitBackportSource(new GitBackportCheck(cache)).find(new BackportSource.Request(new ReleaseName("koa.2"),
                new GitRefName(BackportHistory.BRANCH), List.of(new RepoRef(h.bare.toString())), BackportLabels.DEFAULT, Set.of()));
    }

    @Test
    void findsMergedAndSquashedPullRequestsWhoseTrailersNameTheRelease() {
        BackportHistory h = new BackportHistory(tmp);

        BackportSource.Found found = find(h, tmp.resolve("cache"));

        assertThat(found.problems()).isEmpty();
        assertThat(found.changes()).extracting(c -> c.pr().number()).containsExactlyInAnyOrder(10, 11, 12, 13);
        BackportSource.Change merge = found.changes().stream().filter(c -> c.pr().number() == 10).findFirst().orElseThrow();
        assertThat(merge.title()).isEqualTo("Fix nginx config");
        assertThat(merge.mergeSha().value()).isEqualTo(h.pr10Merge);
        assertThat(merge.foundBy()).isEqualTo("trailer 'Backport-To: koa'");
        assertThat(merge.author()).isEqualTo("Tester");
        assertThat(merge.mergedAt()).isNotNull();
        BackportSource.Change squash = found.changes().stream().filter(c -> c.pr().number() == 11).findFirst().orElseThrow();
        assertThat(squash.title()).isEqualTo("Fix mysql client");
        assertThat(squash.mergeSha().value()).isEqualTo(h.pr11);
        assertThat(squash.pr()).isEqualTo(new PullRequestRef(new RepoRef(h.bare.toString()), 11));
        assertThat(found.changes()).extracting(BackportSource.Change::foundBy)
                .contains("trailer 'Affects: koa.2'", "trailer 'Backport-To: open-release/koa.master'", "trailer 'backport-to: Koa'");
    }

    @Test
    void aRebaseMergedChangeNamesNoPullRequestSoGitAloneDoesNotFindIt() {
        BackportHistory h = new BackportHistory(tmp);

        BackportSource.Found found = find(h, tmp.resolve("cache"));

        assertThat(found.changes()).extracting(c -> c.mergeSha().value()).doesNotContain(h.rebased);
        assertThat(found.changes()).extracting(c -> c.pr().number()).doesNotContain(9, 14);
    }

    @Test
    void aRepositoryThatCannotBeReadIsAProblemNotAFailure() {
        BackportSource.Found found = new GitBackportSource(new GitBackportCheck(tmp.resolve("cache"))).find(new BackportSource.Request(
                new ReleaseName("koa.2"), new GitRefName(BackportHistory.BRANCH), List.of(new RepoRef(tmp.resolve("nowhere.git").toString())),
                BackportLabels.DEFAULT, Set.of()));

        assertThat(found.changes()).isEmpty();
        assertThat(found.problems()).singleElement().asString().startsWith("Backport trailers in nowhere could not be read: ");
    }
}
