package dev.btrbot.adapter.git;

import dev.btrbot.testing.TestGit;
import static dev.btrbot.testing.TestGit.commit;
import static dev.btrbot.testing.TestGit.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCandidateSourceTest {
    private static final GitRefName BRANCH = new GitRefName("release/koa.2");

    @TempDir
    Path tmp;

    private final GitCandidateSource source = new GitCandidateSource();
    private Path configuration;
    private String releaseHead;

    @BeforeEach
    void configurationRepoWithAReleaseBranchAndAPrefixTrap() {
        configuration = TestGit.repo(tmp.resolve("configuration"));
        git(configuration, "checkout", "--quiet", "-b", "release/koa.2");
        releaseHead = commit(configuration, "VERSION", "koa.2\n", "Release koa.2");
        git(configuration, "checkout", "--quiet", "-b", "release/koa.2-old", "master");
        commit(configuration, "VERSION", "koa.2-old\n", "An older attempt");
        git(configuration, "checkout", "--quiet", "-b", "elsewhere/refs/heads/release/koa.2", "master");
        commit(configuration, "VERSION", "elsewhere\n", "A ref whose tail looks like the branch");
        git(configuration, "checkout", "--quiet", "master");
    }

    @Test
    void readsTheHeadOfExactlyTheReleaseBranch() {
        RepoRef repo = new RepoRef(configuration.toString());

        assertThat(source.heads(List.of(repo), BRANCH)).containsExactly(new RepoHead(repo, new Sha(releaseHead)));
    }

    @Test
    void aMovedBranchGivesTheNewHead() {
        RepoRef repo = new RepoRef(configuration.toString());
        source.heads(List.of(repo), BRANCH);
        git(configuration, "checkout", "--quiet", "release/koa.2");
        String moved = commit(configuration, "FIX", "fixed\n", "A late fix");

        assertThat(source.heads(List.of(repo), BRANCH)).containsExactly(new RepoHead(repo, new Sha(moved)));
    }

    @Test
    void readsSeveralRepositoriesInTheirOrder() {
        Path platform = TestGit.repo(tmp.resolve("edx-platform"));
        git(platform, "checkout", "--quiet", "-b", "release/koa.2");
        String platformHead = commit(platform, "VERSION", "platform koa.2\n", "Release koa.2");
        List<RepoRef> repos = List.of(new RepoRef(platform.toString()), new RepoRef(configuration.toString()),
                new RepoRef("file://" + platform));

        assertThat(source.heads(repos, BRANCH)).extracting(head -> head.sha().value())
                .containsExactly(platformHead, releaseHead, platformHead);
    }

    @Test
    void aMissingBranchIsRefusedByName() {
        RepoRef repo = new RepoRef(configuration.toString());

        assertThatThrownBy(() -> source.heads(List.of(repo), new GitRefName("release/koa.3")))
                .isInstanceOf(Unavailable.class)
                .hasMessage("configuration has no branch release/koa.3.");
    }

    @Test
    void anUnreachableRepositoryIsRefusedWithGitsReason() {
        RepoRef missing = new RepoRef(tmp.resolve("nowhere").toString());

        assertThatThrownBy(() -> source.heads(List.of(new RepoRef(configuration.toString()), missing), BRANCH))
                .isInstanceOf(Unavailable.class)
                .hasMessageStartingWith("Cannot read branch release/koa.2 of nowhere: ")
                .hasMessageContaining("does not appear to be a git repository")
                .hasMessageNotContaining("\n");
    }

    @Test
    void credentialsInUrlsNeverReachAMessage() {
        assertThat(Git.redact("fatal: unable to access 'https://bot:s3cret@example.com/x.git/': 403"))
                .isEqualTo("fatal: unable to access 'https://***@example.com/x.git/': 403");
    }
}
