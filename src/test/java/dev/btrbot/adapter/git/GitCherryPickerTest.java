package dev.btrbot.adapter.git;

import static dev.btrbot.testing.TestGit.commit;
import static dev.btrbot.testing.TestGit.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.btrbot.core.port.CherryPicker;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.MergedPullRequest;
import dev.btrbot.domain.MergedPullRequest.How;
import dev.btrbot.domain.PullRequestRef;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import dev.btrbot.testing.TestGit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCherryPickerTest {
    private static final GitRefName RELEASE = new GitRefName("open-release/koa.master");

    @TempDir
    Path tmp;

    private Path bare;
    private Path work;
    private RepoRef origin;
    private GitCherryPicker picker;
    private Sha mergeCommit;
    private Sha squashCommit;
    private Sha rebasedFirst;
    private Sha rebasedSecond;
    private Sha conflicting;

    /**
     * master after the fork of the release branch: pull request #11 merged with a merge commit (two commits on its
     * branch), #12 squashed, #14 rebase-merged as two commits, and #13 squashed over a file the release branch changed
     * its own way.
     */
    @BeforeEach
    void originWithMergedPullRequests() {
        bare = tmp.resolve("edx-platform.git");
        git(tmp, "init", "--quiet", "--bare", bare.toString());
        work = TestGit.repo(tmp.resolve("work"));
        commit(work, "settings.py", "DEBUG = False\n", "Settings");
        git(work, "remote", "add", "origin", bare.toString());
        git(work, "branch", RELEASE.value());

        git(work, "switch", "--quiet", "-c", "fix-a");
        commit(work, "a.txt", "a\n", "Fix A, part 1");
        commit(work, "a2.txt", "a2\n", "Fix A, part 2");
        git(work, "switch", "--quiet", "master");
        git(work, "merge", "--quiet", "--no-ff", "-m", "Merge pull request #11 from alice/fix-a\n\nFix the mysql client on 20.04", "fix-a");
        mergeCommit = new Sha(git(work, "rev-parse", "HEAD"));
        squashCommit = new Sha(commit(work, "b.txt", "b\n", "Fix B (#12)\n\n* Fix B\n* Review"));
        rebasedFirst = new Sha(commit(work, "c.txt", "c1\n", "Fix C, part 1"));
        rebasedSecond = new Sha(commit(work, "c.txt", "c2\n", "Fix C, part 2"));
        conflicting = new Sha(commit(work, "settings.py", "DEBUG = False\nSECURE = True\n", "Secure settings (#13)"));

        git(work, "switch", "--quiet", RELEASE.value());
        commit(work, "settings.py", "DEBUG = False\nSECURE = False  # koa\n", "Koa settings");
        git(work, "push", "--quiet", "origin", "master", RELEASE.value());

        origin = new RepoRef(bare.toString());
        picker = new GitCherryPicker(tmp.resolve("cache"));
    }

    @Test
    void findsMergeAndSquashCommitsFromTheirMessages() {
        assertThat(picker.findMerged(new PullRequestRef(origin, 11), RELEASE)).hasValueSatisfying(pr -> {
            assertThat(pr.how()).isEqualTo(How.MERGE_COMMIT);
            assertThat(pr.commits()).containsExactly(mergeCommit);
            assertThat(pr.title()).isEqualTo("Fix the mysql client on 20.04");
        });
        assertThat(picker.findMerged(new PullRequestRef(origin, 12), RELEASE)).hasValueSatisfying(pr -> {
            assertThat(pr.how()).isEqualTo(How.SQUASHED);
            assertThat(pr.commits()).containsExactly(squashCommit);
            assertThat(pr.title()).isEqualTo("Fix B");
        });
        assertThat(picker.findMerged(new PullRequestRef(origin, 1), RELEASE)).isEmpty();
        assertThat(picker.findMerged(new PullRequestRef(origin, 14), RELEASE)).isEmpty();
    }

    @Test
    void aMergeCommitIsPickedAgainstItsFirstParent() {
        GitRefName branch = new GitRefName("backport/koa.2/11");

        CherryPicker.Pick pick = picker.pick(origin, RELEASE, branch, merged(11, How.MERGE_COMMIT, mergeCommit));

        assertThat(pick).isInstanceOf(CherryPicker.Picked.class);
        List<Sha> picked = ((CherryPicker.Picked) pick).commits();
        assertThat(picked).hasSize(1);
        assertThat(git(bare, "rev-parse", "refs/heads/" + branch)).isEqualTo(picked.get(0).value());
        assertThat(git(bare, "rev-parse", branch + "^")).isEqualTo(git(bare, "rev-parse", RELEASE.value()));
        assertThat(git(bare, "log", "-1", "--format=%B", branch.value()))
                .contains("Merge pull request #11").contains("(cherry picked from commit " + mergeCommit + ")");
        assertThat(git(bare, "ls-tree", "--name-only", branch.value()).lines()).contains("a.txt", "a2.txt").doesNotContain("b.txt");
    }

    @Test
    void aSquashCommitIsPickedAsOneCommit() {
        GitRefName branch = new GitRefName("backport/koa.2/12");

        CherryPicker.Pick pick = picker.pick(origin, RELEASE, branch, merged(12, How.SQUASHED, squashCommit));

        assertThat(pick).isEqualTo(new CherryPicker.Picked(branch, List.of(new Sha(git(bare, "rev-parse", branch.value())))));
        assertThat(git(bare, "log", "-1", "--format=%B", branch.value())).startsWith("Fix B (#12)")
                .contains("(cherry picked from commit " + squashCommit + ")");
        assertThat(git(bare, "log", "-1", "--format=%an", branch.value())).isEqualTo("Tester");
    }

    @Test
    void aRebaseMergedPullRequestIsPickedCommitByCommitInOrder() {
        GitRefName branch = new GitRefName("backport/koa.2/14");

        CherryPicker.Pick pick = picker.pick(origin, RELEASE, branch, merged(14, How.REBASED, rebasedFirst, rebasedSecond));

        assertThat(((CherryPicker.Picked) pick).commits()).hasSize(2);
        assertThat(git(bare, "log", "--reverse", "--format=%s", RELEASE.value() + ".." + branch).lines())
                .containsExactly("Fix C, part 1", "Fix C, part 2");
        assertThat(git(bare, "log", "--reverse", "--format=%B%x1e", RELEASE.value() + ".." + branch).split("\u001e"))
                .satisfies(messages -> {
                    assertThat(messages[0]).contains("(cherry picked from commit " + rebasedFirst + ")");
                    assertThat(messages[1]).contains("(cherry picked from commit " + rebasedSecond + ")");
                });
        assertThat(git(bare, "show", branch + ":c.txt")).isEqualTo("c2");
    }

    @Test
    void aConflictNamesTheFilesAndPushesNothing() {
        GitRefName branch = new GitRefName("backport/koa.2/13");

        CherryPicker.Pick pick = picker.pick(origin, RELEASE, branch, merged(13, How.SQUASHED, conflicting));

        assertThat(pick).isEqualTo(new CherryPicker.Conflict(conflicting, List.of("settings.py")));
        assertThat(git(bare, "branch", "--list", "backport/*")).isEmpty();
        // the clone is left clean: the next pick starts from the release branch again
        GitRefName next = new GitRefName("backport/koa.2/12");
        assertThat(picker.pick(origin, RELEASE, next, merged(12, How.SQUASHED, squashCommit))).isInstanceOf(CherryPicker.Picked.class);
        assertThat(git(bare, "show", next + ":settings.py")).isEqualTo("DEBUG = False\nSECURE = False  # koa");
    }

    @Test
    void aBranchTheRemoteHasAlreadyIsLeftAlone() {
        GitRefName branch = new GitRefName("backport/koa.2/12");
        git(work, "push", "--quiet", "origin", RELEASE + ":refs/heads/" + branch);
        String before = git(bare, "rev-parse", branch.value());

        assertThat(picker.pick(origin, RELEASE, branch, merged(12, How.SQUASHED, squashCommit)))
                .isEqualTo(new CherryPicker.BranchExists(branch));
        assertThat(git(bare, "rev-parse", branch.value())).isEqualTo(before);
    }

    @Test
    void aPickThatWouldBeEmptyIsAnErrorNotAConflict() {
        git(work, "cherry-pick", "-x", squashCommit.value());
        git(work, "push", "--quiet", "origin", RELEASE.value());

        assertThatThrownBy(() -> picker.pick(origin, RELEASE, new GitRefName("backport/koa.2/12"), merged(12, How.SQUASHED, squashCommit)))
                .isInstanceOf(Unavailable.class).hasMessageStartingWith("git cherry-pick of " + squashCommit.shortId() + " onto "
                        + RELEASE + " failed: ");
        assertThat(git(bare, "branch", "--list", "backport/*")).isEmpty();
    }

    @Test
    void aMissingReleaseBranchIsSaidByName() {
        assertThatThrownBy(() -> picker.pick(origin, new GitRefName("open-release/lilac.master"), new GitRefName("backport/lilac.1/12"),
                merged(12, How.SQUASHED, squashCommit)))
                .isInstanceOf(Unavailable.class).hasMessage("edx-platform has no branch open-release/lilac.master.");
    }

    private MergedPullRequest merged(int number, How how, Sha... commits) {
        return new MergedPullRequest(new PullRequestRef(origin, number), "Fix", null, null, List.of(), how, List.of(commits));
    }
}
