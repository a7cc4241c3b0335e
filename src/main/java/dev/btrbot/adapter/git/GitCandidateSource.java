package dev.btrbot.adapter.git;

import dev.btrbot.core.port.CandidateSource;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads release branch heads with {@code git ls-remote}, without cloning.
 * Only the ref named exactly {@code refs/heads/<branch>} counts: ls-remote
 * patterns also match on a ref's tail, and a near-miss such as
 * {@code release/koa.2-old} or {@code x/refs/heads/release/koa.2} must never
 * become a candidate.
 */
public final class GitCandidateSource implements CandidateSource {
    private static final int MAX_PARALLEL = 4;

    private final Git git;

    public GitCandidateSource() {
        this(new Git());
    }

    GitCandidateSource(Git git) {
        this.git = Objects.requireNonNull(git, "git");
    }

    @Override
    public List<RepoHead> heads(List<RepoRef> repos, GitRefName branch) {
        if (repos.size() <= 1) {
            return repos.stream().map(repo -> head(repo, branch)).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_PARALLEL, repos.size()), runnable -> {
            Thread thread = new Thread(runnable, "ls-remote");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<RepoHead>> pending = new ArrayList<>();
            for (RepoRef repo : repos) {
                pending.add(pool.submit(() -> head(repo, branch)));
            }
            List<RepoHead> heads = new ArrayList<>();
            for (Future<RepoHead> future : pending) {
                heads.add(future.get());
            }
            return List.copyOf(heads);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading branch heads", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private RepoHead head(RepoRef repo, GitRefName branch) {
        String ref = "refs/heads/" + branch.value();
        Git.Result result = git.run("ls-remote", "--heads", "--end-of-options", repo.url(), ref);
        if (!result.ok()) {
            throw new Refusal("Cannot read branch " + branch + " of " + repo.name() + ": " + result.firstErrorLine());
        }
        for (String line : result.stdout().split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0 && line.substring(tab + 1).equals(ref)) {
                return new RepoHead(repo, new Sha(line.substring(0, tab)));
            }
        }
        throw new Refusal(repo.name() + " has no branch " + branch + ".");
    }
}
