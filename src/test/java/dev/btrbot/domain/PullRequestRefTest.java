package dev.btrbot.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a person names a pull request in a command, and the backport queue's words for it. */
class PullRequestRefTest {
    static final RepoRef CONF = new RepoRef("openedx/configuration");
    static final RepoRef PLATFORM = new RepoRef("openedx/edx-platform");
    static final RepoRef LOCAL = new RepoRef("/srv/git/theme.git");

    @Test
    void aBareNumberNamesThePullRequestOfTheOnlyRepository() {
        assertThat(PullRequestRef.parse("6213", List.of(CONF))).isEqualTo(new PullRequestRef(CONF, 6213));
        assertThat(PullRequestRef.parse("#6213", List.of(CONF))).isEqualTo(new PullRequestRef(CONF, 6213));
        assertThatThrownBy(() -> PullRequestRef.parse("6213", List.of(CONF, PLATFORM))).isInstanceOf(Refusal.class)
                .hasMessage("'6213' does not say which repository: name it as <repo>#6213 (configuration, edx-platform).");
    }

    @Test
    void aRepositoryNameSlugOrUrlNamesOneOfSeveral() {
        List<RepoRef> repos = List.of(CONF, PLATFORM, LOCAL);
        assertThat(PullRequestRef.parse("edx-platform#12", repos)).isEqualTo(new PullRequestRef(PLATFORM, 12));
        assertThat(PullRequestRef.parse("openedx/edx-platform#12", repos)).isEqualTo(new PullRequestRef(PLATFORM, 12));
        assertThat(PullRequestRef.parse("https://github.com/openedx/configuration/pull/6213", repos)).isEqualTo(new PullRequestRef(CONF, 6213));
        assertThat(PullRequestRef.parse("theme#3", repos)).isEqualTo(new PullRequestRef(LOCAL, 3));
    }

    @Test
    void anythingElseIsRefusedInOneLine() {
        List<RepoRef> repos = List.of(CONF, PLATFORM);
        for (String bad : List.of("", "pr12", "12a", "0", "-5", "configuration#", "#", "https://github.com/openedx/configuration/issues/12",
                "configuration#12#13", "1234567890")) {
            assertThatThrownBy(() -> PullRequestRef.parse(bad, repos)).as(bad).isInstanceOf(Refusal.class);
        }
        assertThatThrownBy(() -> PullRequestRef.parse("other/configuration#12", repos)).isInstanceOf(Refusal.class)
                .hasMessage("'other/configuration' is not a repository of this release (configuration, edx-platform).");
    }

    @Test
    void labelPatternsStandForTheReleaseItsSeriesAndItsBranch() {
        BackportLabels labels = BackportLabels.DEFAULT;
        assertThat(labels.labelsFor(new ReleaseName("Koa.2"), new GitRefName("open-release/koa.master"))).containsExactly(
                "backport koa.2", "backport koa", "needs backport to open-release/koa.master", "affects:koa.2", "affects:koa");
        assertThat(BackportLabels.namesRelease(" KOA ", new ReleaseName("koa.2"), new GitRefName("open-release/koa.master"))).isTrue();
        assertThat(BackportLabels.namesRelease("lilac", new ReleaseName("koa.2"), new GitRefName("open-release/koa.master"))).isFalse();
        assertThatThrownBy(() -> BackportLabels.parse("a,,b")).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> BackportLabels.parse("x".repeat(101))).isInstanceOf(Refusal.class);
        assertThat(BackportLabels.parse("default")).isEqualTo(BackportLabels.DEFAULT);
    }

    @Test
    void theQueueListsPendingFirstOldestFirstAndSaysTheOldest() {
        Instant now = Instant.parse("2021-02-09T10:00:00Z");
        BackportQueue queue = new BackportQueue(List.of(
                candidate(3, BackportCandidate.State.ON_BRANCH, now.minusSeconds(99 * 86_400)),
                candidate(2, BackportCandidate.State.PENDING, now.minusSeconds(3 * 86_400)),
                candidate(1, BackportCandidate.State.PENDING, now.minusSeconds(21 * 86_400))));

        assertThat(queue.candidates()).extracting(c -> c.pr().number()).containsExactly(1, 2, 3);
        assertThat(queue.summary(now)).isEqualTo("2 backports pending, oldest openedx/configuration#1 merged 21 days ago");
        assertThat(new BackportQueue(List.of(queue.candidates().get(2))).summary(now)).isNull();
    }

    private static BackportCandidate candidate(int pr, BackportCandidate.State state, Instant merged) {
        return new BackportCandidate(new ReleaseName("koa.2"), new PullRequestRef(CONF, pr), "Fix " + pr, null,
                new Sha(String.valueOf(pr).repeat(40)), merged, "label 'backport koa'", state,
                state == BackportCandidate.State.ON_BRANCH ? BackportCandidate.Landed.ANCESTOR : null, null, merged);
    }
}
