package dev.btrbot.adapter.git;

import dev.btrbot.testing.TestGit;
import static dev.btrbot.testing.TestGit.commit;
import static dev.btrbot.testing.TestGit.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.btrbot.core.port.BackportCheck.Containment;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitBackportCheckTest {
    private static final GitRefName RELEASE = new GitRefName("open-release/koa.2");

    @TempDir
    Path tmp;

    private Path work;
    private RepoRef origin;
    private GitBackportCheck check;

    private Sha merged;
    private Sha pickedWithTrailer;
    private Sha pickedWithShortTrailer;
    private Sha pickedWithoutTrailer;
    private Sha rootPatchTwin;
    private Sha notBackported;

    /**
     * master gets five fixes; the release branch gets the first by a merge,
     * two by {@code cherry-pick -x} (one cited by an abbreviated sha and with a
     * changed patch), one by a plain cherry-pick, and the fifth not at all.
     */
    @BeforeEach
    void originWithMasterAndAReleaseBranch() {
        Path bare = tmp.resolve("edx-platform.git");
        git(tmp, "init", "--quiet", "--bare", bare.toString());
        work = TestGit.repo(tmp.resolve("work"));
        git(work, "remote", "add", "origin", bare.toString());
        git(work, "branch", "open-release/koa.2");

        merged = new Sha(commit(work, "a.txt", "a\n", "Fix A"));
        pickedWithTrailer = new Sha(commit(work, "b.txt", "b\n", "Fix B"));
        pickedWithShortTrailer = new Sha(commit(work, "c.txt", "c\n", "Fix C"));
        pickedWithoutTrailer = new Sha(commit(work, "d.txt", "d\n", "Fix D"));
        notBackported = new Sha(commit(work, "e.txt", "e\n", "Fix E"));
        git(work, "checkout", "--quiet", "--orphan", "imported");
        git(work, "rm", "--quiet", "-r", "--cached", ".");
        rootPatchTwin = new Sha(commit(work, "vendor/lib.txt", "lib\n", "Import lib"));

        git(work, "checkout", "--quiet", "-f", "open-release/koa.2");
        git(work, "clean", "--quiet", "-fd");
        git(work, "merge", "--quiet", "--no-ff", "-m", "Merge fix A", merged.value());
        git(work, "cherry-pick", "-x", pickedWithTrailer.value());
        commit(work, "c.txt", "c, adapted to koa\n",
                "Fix C for koa\n\n(cherry picked from commit " + pickedWithShortTrailer.value().substring(0, 9) + ")");
        git(work, "cherry-pick", pickedWithoutTrailer.value());
        commit(work, "vendor/lib.txt", "lib\n", "Vendor lib");
        git(work, "push", "--quiet", "origin", "master", "open-release/koa.2", "imported");

        origin = new RepoRef(bare.toString());
        check = new GitBackportCheck(tmp.resolve("cache"));
    }

    @Test
    void tellsHowEachFixReachedTheBranch() {
        Sha stranger = new Sha("0123456789abcdef0123456789abcdef01234567");

        Map<Sha, Containment> answers = check.check(origin, RELEASE, List.of(merged, pickedWithTrailer,
                pickedWithShortTrailer, pickedWithoutTrailer, rootPatchTwin, notBackported, stranger));

        assertThat(answers).containsExactly(
                Map.entry(merged, Containment.ON_BRANCH),
                Map.entry(pickedWithTrailer, Containment.CHERRY_PICKED),
                Map.entry(pickedWithShortTrailer, Containment.CHERRY_PICKED),
                Map.entry(pickedWithoutTrailer, Containment.PATCH_EQUIVALENT),
                Map.entry(rootPatchTwin, Containment.PATCH_EQUIVALENT),
                Map.entry(notBackported, Containment.MISSING),
                Map.entry(stranger, Containment.UNKNOWN_COMMIT));
    }

    @Test
    void aCherryPickPushedAfterTheFirstCheckIsSeenByTheNext() {
        assertThat(check.check(origin, RELEASE, List.of(notBackported))).containsEntry(notBackported, Containment.MISSING);

        git(work, "cherry-pick", "-x", notBackported.value());
        git(work, "push", "--quiet", "origin", "open-release/koa.2");

        assertThat(check.check(origin, RELEASE, List.of(notBackported)))
                .containsEntry(notBackported, Containment.CHERRY_PICKED);
    }

    @Test
    void aCitationThatOnlySharesTheFirstDigitsDoesNotCount() {
        String wrong = notBackported.value().substring(0, 7)
                + (notBackported.value().charAt(7) == '0' ? '1' : '0');
        commit(work, "f.txt", "f\n", "Something else\n\n(cherry picked from commit " + wrong + ")");
        git(work, "push", "--quiet", "origin", "open-release/koa.2");

        assertThat(check.check(origin, RELEASE, List.of(notBackported))).containsEntry(notBackported, Containment.MISSING);
    }

    @Test
    void aMissingReleaseBranchIsRefusedByName() {
        assertThatThrownBy(() -> check.check(origin, new GitRefName("open-release/lilac.1"), List.of(merged)))
                .isInstanceOf(Unavailable.class)
                .hasMessage("edx-platform has no branch open-release/lilac.1.");
    }

    @Test
    void aRepositoryThatCannotBeFetchedIsRefusedByName() {
        RepoRef gone = new RepoRef(tmp.resolve("gone.git").toString());

        assertThatThrownBy(() -> check.check(gone, RELEASE, List.of(merged)))
                .isInstanceOf(Unavailable.class)
                .hasMessageStartingWith("Cannot fetch gone: ")
                .hasMessageNotContaining("\n");
        assertThat(check.mirrorDir(gone)).doesNotExist();
    }

    @Test
    void eachRepositoryGetsItsOwnStableCacheDirectory() {
        RepoRef other = new RepoRef("https://github.com/openedx/edx-platform.git");

        assertThat(check.mirrorDir(origin)).isEqualTo(check.mirrorDir(new RepoRef(origin.url())));
        assertThat(check.mirrorDir(origin)).isNotEqualTo(check.mirrorDir(other));
        assertThat(check.mirrorDir(other).getFileName().toString()).matches("[0-9a-f]{12}-edx-platform\\.git");
    }
}
