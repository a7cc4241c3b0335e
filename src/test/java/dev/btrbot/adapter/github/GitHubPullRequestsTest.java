package dev.btrbot.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.btrbot.adapter.github.FakePulls.PullCommit;
import dev.btrbot.core.port.PullRequests;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.MergedPullRequest;
import dev.btrbot.domain.MergedPullRequest.How;
import dev.btrbot.domain.PullRequestRef;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import dev.btrbot.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GitHubPullRequestsTest {
    private static final String REPO = "openedx/edx-platform";
    private static final RepoRef EDX = new RepoRef(REPO);

    private final FakeGitHub github = new FakeGitHub(new MutableClock(Instant.parse("2021-02-01T09:00:00Z")));
    private final GitHubPullRequests pulls = new GitHubPullRequests(
            GitHubApi.connect(github.url(), "ghp_test", Duration.ZERO, java.time.Clock.systemUTC()));

    /** Fails when the fake received or sent what GitHub's description does not allow. */
    @AfterEach
    void conforms() {
        github.close();
    }

    @Test
    void aMergeCommitIsTheOneCommitToPick() {
        String base = sha('1');
        github.commit(REPO, base, List.of(), "Initial");
        github.commit(REPO, sha('2'), List.of(base), "Fix A");
        github.commit(REPO, sha('3'), List.of(base, sha('2')), "Merge pull request #11 from alice/fix-a\n\nFix A");
        github.pulls().merged(REPO, 11, "Fix the mysql client", "alice", List.of("bug", "backport koa.2"), sha('3'),
                List.of(new PullCommit(sha('2'), "Fix A")));

        MergedPullRequest pr = pulls.merged(new PullRequestRef(EDX, 11));

        assertThat(pr.how()).isEqualTo(How.MERGE_COMMIT);
        assertThat(pr.commits()).containsExactly(new Sha(sha('3')));
        assertThat(pr.title()).isEqualTo("Fix the mysql client");
        assertThat(pr.author()).isEqualTo("alice");
        assertThat(pr.labels()).containsExactly("bug", "backport koa.2");
        assertThat(pr.url()).isEqualTo("https://github.com/openedx/edx-platform/pull/11");
    }

    @Test
    void aSquashCommitOfSeveralCommitsIsOneCommit() {
        github.commit(REPO, sha('1'), List.of(), "Initial");
        github.commit(REPO, sha('4'), List.of(sha('1')), "Fix B (#12)\n\n* part 1\n* part 2");
        github.pulls().merged(REPO, 12, "Fix B", "bob", List.of(), sha('4'),
                List.of(new PullCommit(sha('a'), "part 1"), new PullCommit(sha('b'), "part 2")));

        MergedPullRequest pr = pulls.merged(new PullRequestRef(EDX, 12));

        assertThat(pr.how()).isEqualTo(How.SQUASHED);
        assertThat(pr.commits()).containsExactly(new Sha(sha('4')));
    }

    @Test
    void aRebaseMergeIsItsRebasedCommitsInOrder() {
        github.commit(REPO, sha('1'), List.of(), "Initial");
        github.commit(REPO, sha('5'), List.of(sha('1')), "Fix C, part 1");
        github.commit(REPO, sha('6'), List.of(sha('5')), "Fix C, part 2");
        github.commit(REPO, sha('7'), List.of(sha('6')), "Fix C, part 3");
        github.pulls().merged(REPO, 14, "Fix C", "carol", List.of(), sha('7'), List.of(new PullCommit(sha('c'), "Fix C, part 1"),
                new PullCommit(sha('d'), "Fix C, part 2"), new PullCommit(sha('e'), "Fix C, part 3")));

        MergedPullRequest pr = pulls.merged(new PullRequestRef(EDX, 14));

        assertThat(pr.how()).isEqualTo(How.REBASED);
        assertThat(pr.commits()).containsExactly(new Sha(sha('5')), new Sha(sha('6')), new Sha(sha('7')));
    }

    @Test
    void aPullRequestNotMergedIsSaidSo() {
        github.repo(REPO);
        github.pulls().open(REPO, 15, "Work in progress", "dave");

        assertThatThrownBy(() -> pulls.merged(new PullRequestRef(EDX, 15))).isInstanceOf(Unavailable.class)
                .hasMessage("edx-platform#15 is not merged (still open): only a merged pull request is backported.");
        assertThatThrownBy(() -> pulls.merged(new PullRequestRef(EDX, 404))).isInstanceOf(Unavailable.class)
                .hasMessageStartingWith("GitHub has no pull request edx-platform#404");
    }

    @Test
    void opensThePullRequestWithItsLabelsAndTellsWhetherItIsOpen() {
        github.repo(REPO);

        PullRequests.Opened opened = pulls.open(EDX, new GitRefName("open-release/koa.master"), new GitRefName("backport/koa.2/11"),
                "[koa.2] Fix the mysql client", "Backport of #11", List.of("bug", "backport koa.2"));

        assertThat(github.pulls().opened()).singleElement().satisfies(p -> {
            assertThat(p.title()).isEqualTo("[koa.2] Fix the mysql client");
            assertThat(p.base()).isEqualTo("open-release/koa.master");
            assertThat(p.head()).isEqualTo("backport/koa.2/11");
            assertThat(p.body()).isEqualTo("Backport of #11");
            assertThat(p.labels()).containsExactly("bug", "backport koa.2");
            assertThat(opened).isEqualTo(new PullRequests.Opened(p.number(), "https://github.com/openedx/edx-platform/pull/" + p.number()));
        });
        assertThat(pulls.isOpen(EDX, opened.number())).isTrue();
        github.pulls().close(REPO, opened.number());
        assertThat(pulls.isOpen(EDX, opened.number())).isFalse();
    }

    @Test
    void aSecondPullRequestFromTheSameBranchIsGitHubsRefusal() {
        github.repo(REPO);
        GitRefName base = new GitRefName("open-release/koa.master");
        GitRefName head = new GitRefName("backport/koa.2/11");
        pulls.open(EDX, base, head, "[koa.2] Fix", "body", List.of());

        assertThatThrownBy(() -> pulls.open(EDX, base, head, "[koa.2] Fix", "body", List.of())).isInstanceOf(Unavailable.class)
                .hasMessageContaining("422").hasMessageContaining("A pull request already exists");
    }

    private static String sha(char c) {
        return String.valueOf(c).repeat(40);
    }
}
