package dev.btrbot.adapter.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.btrbot.core.port.NotesSource;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.Change;
import dev.btrbot.domain.CherryPick;
import dev.btrbot.domain.PreviousTags;
import dev.btrbot.domain.RepoChanges;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import dev.btrbot.testing.NotesHistory;
import dev.btrbot.testing.TestGit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitNotesSourceTest {
    private static final PreviousTags OPEN_EDX = new PreviousTags("open-release/*", List.of("open-release/koa.2", "open-release/*rc[0-9]*"));

    @TempDir
    Path dir;

    @Test
    void theNewestPreviousReleaseTagThatIsAnAncestorIsFoundAndNamed() {
        NotesHistory h = NotesHistory.create(dir.resolve("platform"));
        RepoChanges rc = new GitNotesSource(dir.resolve("cache")).changes(new RepoRef(h.dir.toString()), new Sha(h.releaseHead), null, OPEN_EDX);
        // juniper.2 is newer but on another branch; koa.2rc1 marks the head but is a release candidate
        assertThat(rc.fromTag()).isEqualTo("open-release/juniper.1");
        assertThat(rc.tagChosen()).contains("newest tag matching open-release/*").contains("ancestor of " + h.releaseHead.substring(0, 10));
    }

    @Test
    void mergedSquashedAndRebaseMergedPullRequestsAreEntriesFromGitAlone() {
        NotesHistory h = NotesHistory.create(dir.resolve("platform"));
        RepoChanges rc = new GitNotesSource(dir.resolve("cache")).changes(new RepoRef(h.dir.toString()), new Sha(h.releaseHead), null, OPEN_EDX);
        assertThat(rc.changes()).extracting(Change::pr, Change::title).containsExactly(
                org.assertj.core.groups.Tuple.tuple(10, "Add the thing"),
                org.assertj.core.groups.Tuple.tuple(11, "Fix the crash"),
                org.assertj.core.groups.Tuple.tuple(0, "Step one of the rebase"),
                org.assertj.core.groups.Tuple.tuple(0, "Step two of the rebase"));
        assertThat(rc.changes()).allSatisfy(c -> assertThat(c.author()).isEqualTo("Tester"));
    }

    @Test
    void cherryPicksOnTheReleaseBranchMapBackToTheirPullRequestsByTrailerOrPatchId() {
        NotesHistory h = NotesHistory.create(dir.resolve("platform"));
        RepoChanges rc = new GitNotesSource(dir.resolve("cache")).changes(new RepoRef(h.dir.toString()), new Sha(h.releaseHead), null, OPEN_EDX);
        assertThat(rc.picks()).extracting(p -> p.original().pr(), p -> p.original().title(), CherryPick::how).containsExactly(
                org.assertj.core.groups.Tuple.tuple(13, "Fix the mysql client on 20.04", CherryPick.How.TRAILER),
                org.assertj.core.groups.Tuple.tuple(14, "Fix the login", CherryPick.How.TRAILER),
                org.assertj.core.groups.Tuple.tuple(14, "Fix the login", CherryPick.How.TRAILER),
                org.assertj.core.groups.Tuple.tuple(15, "Fix the dark theme", CherryPick.How.PATCH_ID));
        assertThat(rc.picks().get(3).original().sha().value()).isEqualTo(h.fix15);
        assertThat(rc.changes()).extracting(Change::pr).doesNotContain(13, 14, 15, 16);
    }

    @Test
    void aTagGivenWithFromIsTheStartAndSaidSo() {
        NotesHistory h = NotesHistory.create(dir.resolve("platform"));
        String afterSquash = TestGit.git(h.dir, "rev-parse", NotesHistory.BRANCH + "~6");
        TestGit.git(h.dir, "tag", "mark", afterSquash);
        RepoChanges rc = new GitNotesSource(dir.resolve("cache")).changes(new RepoRef(h.dir.toString()), new Sha(h.releaseHead), "mark", OPEN_EDX);
        assertThat(rc.fromTag()).isEqualTo("mark");
        assertThat(rc.tagChosen()).isEqualTo("given with --from");
        assertThat(rc.changes()).extracting(Change::title).containsExactly("Step one of the rebase", "Step two of the rebase");
        assertThatThrownBy(() -> new GitNotesSource(dir.resolve("cache")).changes(new RepoRef(h.dir.toString()), new Sha(h.releaseHead),
                "open-release/nope", OPEN_EDX)).isInstanceOf(Unavailable.class).hasMessageContaining("has no tag open-release/nope");
    }

    @Test
    void withoutAPreviousTagItSaysSoInsteadOfGuessing() {
        Path r = TestGit.repo(dir.resolve("bare"));
        String head = TestGit.commit(r, "a.txt", "a\n", "Something (#1)");
        TestGit.git(r, "tag", "some-other-tag");
        assertThatThrownBy(() -> new GitNotesSource(dir.resolve("cache")).changes(new RepoRef(r.toString()), new Sha(head), null, OPEN_EDX))
                .isInstanceOf(NotesSource.NoPreviousTag.class)
                .hasMessageContaining("no tag matching open-release/*").hasMessageContaining("is an ancestor of " + head.substring(0, 10));
    }
}
