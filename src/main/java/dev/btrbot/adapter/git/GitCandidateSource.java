package dev.btrbot.adapter.git;

import dev.btrbot.core.port.CandidateSource;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.util.List;
import java.util.Objects;

/**
 * Reads release branch heads with {@code git ls-remote}, without cloning.
 * Only the ref named exactly {@code refs/heads/<branch>} counts: ls-remote
 * patterns also match on a ref's tail, and a near-miss such as
 * {@code release/koa.2-old} or {@code x/refs/heads/release/koa.2} must never
 * become a candidate.
 */
public final class GitCandidateSource implements CandidateSource {
    private final Git git;

    public GitCandidateSource() {
        this(new Git());
    }

    GitCandidateSource(Git git) {
        this.git = Objects.requireNonNull(git, "git");
    }

    @Override
    public List<RepoHead> heads(List<RepoRef> repos, GitRefName branch) {
        return Git.inParallel(repos, repo -> head(repo, branch), "ls-remote");
    }

    private RepoHead head(RepoRef repo, GitRefName branch) {
        String ref = "refs/heads/" + branch.value();
        Git.Result result = git.run("ls-remote", "--heads", "--end-of-options", repo.url(), ref);
        if (!result.ok()) {
            throw new Unavailable("Cannot read branch " + branch + " of " + repo.name() + ": " + result.firstErrorLine());
        }
        for (String line : result.stdout().split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0 && line.substring(tab + 1).equals(ref)) {
                return new RepoHead(repo, new Sha(line.substring(0, tab)));
            }
        }
        throw new Unavailable(repo.name() + " has no branch " + branch + ".");
    }
}
