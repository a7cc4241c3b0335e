package dev.btrbot.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.btrbot.domain.MergedPullRequest.How;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackportValuesTest {
    private static final RepoRef EDX = new RepoRef("openedx/edx-platform");
    private static final RepoRef CONF = new RepoRef("openedx/configuration");

    private static Release release(RepoRef... repos) {
        return new Release(new ReleaseName("koa.2"), new GitRefName("open-release/koa.master"), List.of(repos), null, null, null, null,
                new TagTemplate("open-release/{release}"), TagTemplate.DEFAULT_RC, ReleaseState.TESTING, QuorumPolicy.DEFAULT,
                Instant.parse("2021-02-01T09:00:00Z"));
    }

    @Test
    void aPullRequestIsNamedByNumberRepoSlugOrUrl() {
        assertThat(PullRequestRef.parse("6213", release(EDX))).isEqualTo(new PullRequestRef(EDX, 6213));
        assertThat(PullRequestRef.parse("edx-platform#6213", release(CONF, EDX))).isEqualTo(new PullRequestRef(EDX, 6213));
        assertThat(PullRequestRef.parse("openedx/edx-platform#6213", release(CONF, EDX))).isEqualTo(new PullRequestRef(EDX, 6213));
        assertThat(PullRequestRef.parse("https://github.com/openedx/edx-platform/pull/6213", release(CONF, EDX)))
                .isEqualTo(new PullRequestRef(EDX, 6213));
        assertThat(PullRequestRef.parse("https://github.com/OpenEdx/edx-platform/pull/6213/", release(CONF, EDX)))
                .isEqualTo(new PullRequestRef(EDX, 6213));
    }

    @Test
    void aBareNumberNeedsAReleaseOfOneRepository() {
        assertThatThrownBy(() -> PullRequestRef.parse("6213", release(CONF, EDX))).isInstanceOf(Refusal.class)
                .hasMessage("'6213' does not say which repository: name it as <repo>#6213 (configuration, edx-platform).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1;rm -rf", "../x", "6213 --force", "-1", "0", "#0", "edx-platform#", "edx-platform#12;ls",
            "https://github.com/openedx/edx-platform/issues/12", "https://evil.example/openedx/edx-platform/pull/12",
            "https://github.com/openedx/edx-platform/pull/12?x=../y", "9999999999", ""})
    void anythingElseIsRefused(String given) {
        assertThatThrownBy(() -> PullRequestRef.parse(given, release(EDX))).isInstanceOf(Refusal.class).hasMessageNotContaining("\n");
    }

    @Test
    void gitHubsMergeButtonNamesThePullRequestInItsCommit() {
        assertThat(PullRequestMessages.how(11, "Merge pull request #11 from alice/fix\n\nFix it", 2)).contains(How.MERGE_COMMIT);
        assertThat(PullRequestMessages.how(11, "Merge pull request #110 from alice/fix", 2)).isEmpty();
        assertThat(PullRequestMessages.how(12, "Fix B (#12)\n\n* part 1", 1)).contains(How.SQUASHED);
        assertThat(PullRequestMessages.how(12, "Fix B (#112)", 1)).isEmpty();
        assertThat(PullRequestMessages.how(12, "Fix B (#12)", 2)).isEmpty();
        assertThat(PullRequestMessages.title(11, "Merge pull request #11 from alice/fix\n\nFix it\n", How.MERGE_COMMIT)).isEqualTo("Fix it");
        assertThat(PullRequestMessages.title(12, "Fix B (#12)\n\n* part 1", How.SQUASHED)).isEqualTo("Fix B");
    }

    @Test
    void theBackportIsNamedAfterTheReleaseAndTheOriginal() {
        Release koa = release(EDX);
        MergedPullRequest pr = new MergedPullRequest(new PullRequestRef(EDX, 11), "Fix\nthe  client", null, null, List.of(),
                How.MERGE_COMMIT, List.of(new Sha("a".repeat(40))));

        assertThat(BackportRecipe.branch(koa.name(), pr.ref())).isEqualTo(new GitRefName("backport/koa.2/11"));
        assertThat(BackportRecipe.title(koa.name(), pr)).isEqualTo("[koa.2] Fix the client");
        assertThat(BackportRecipe.byHand(koa, pr)).containsExactly("git fetch origin",
                "git switch -c backport/koa.2/11 origin/open-release/koa.master",
                "git cherry-pick -x -m 1 " + "a".repeat(40),
                "# resolve the conflicts, git add the files, git cherry-pick --continue",
                "git push origin backport/koa.2/11",
                "open the pull request: https://github.com/openedx/edx-platform/compare/open-release/koa.master...backport/koa.2/11?expand=1");
    }

    @Test
    void aMergeOrSquashIsOneCommitAndALongRebaseIsForAPerson() {
        PullRequestRef ref = new PullRequestRef(EDX, 11);
        Sha a = new Sha("a".repeat(40));
        assertThatThrownBy(() -> new MergedPullRequest(ref, "t", null, null, List.of(), How.SQUASHED, List.of(a, a)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MergedPullRequest(ref, "t", null, null, List.of(), How.REBASED, java.util.Collections.nCopies(101, a)))
                .isInstanceOf(Refusal.class).hasMessageContaining("cherry-pick it by hand");
    }
}
