package dev.btrbot.adapter.git;

import dev.btrbot.core.port.CherryPicker;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.MergedPullRequest;
import dev.btrbot.domain.PullRequestMessages;
import dev.btrbot.domain.PullRequestRef;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Cherry-picks in a working clone of each repository kept under the cache
 * folder ({@code <cache>/<12 hex of sha256(url)>-<name>}), fetched before
 * every use, one pick at a time per clone. The new branch is made from the
 * remote's release branch, never from anything left in the clone; a pick that
 * fails is aborted and the clone put back clean, so only a branch with every
 * commit picked is ever pushed. Pushes never force: a branch someone pushed
 * meanwhile makes the push fail rather than be overwritten.
 */
public final class GitCherryPicker implements CherryPicker {
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();
    /** Who the picked commits name as committer; their authors stay the original ones. */
    private static final List<String> IDENTITY = List.of("-c", "user.name=btr-bot", "-c", "user.email=btr-bot@localhost",
            "-c", "commit.gpgSign=false", "-c", "core.hooksPath=/dev/null");

    private final Path cacheDir;
    private final Git git;
    private final Git remoteGit;

    public GitCherryPicker(Path cacheDir) {
        this(cacheDir, new Git(), new Git("git", GitBackportCheck.DEFAULT_FETCH_TIMEOUT));
    }

    /** @param remoteGit runs the commands that talk to the remote (clone, fetch, push), with a timeout fit for a first clone */
    GitCherryPicker(Path cacheDir, Git git, Git remoteGit) {
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        this.git = Objects.requireNonNull(git, "git");
        this.remoteGit = Objects.requireNonNull(remoteGit, "remoteGit");
    }

    @Override
    public Optional<MergedPullRequest> findMerged(PullRequestRef pr, GitRefName releaseBranch) {
        Path clone = cloneDir(pr.repo());
        synchronized (LOCKS.computeIfAbsent(clone, k -> new Object())) {
            refresh(pr.repo(), clone);
            String defaultBranch = defaultBranch(pr.repo(), clone);
            Git.Result log = in(clone, "log", "--first-parent", "--fixed-strings", "--grep=#" + pr.number(),
                    "--format=%H%x00%P%x00%B%x1e", defaultBranch, "--");
            if (!log.ok()) {
                throw failure(pr.repo(), "log", log);
            }
            for (String entry : log.stdout().split("\u001e")) {
                String[] fields = entry.strip().split("\u0000", 3);
                if (fields.length < 3 || !Sha.isFull(fields[0])) {
                    continue;
                }
                int parents = fields[1].isBlank() ? 0 : fields[1].strip().split(" ").length;
                Optional<MergedPullRequest.How> how = PullRequestMessages.how(pr.number(), fields[2], parents);
                if (how.isPresent()) {
                    return Optional.of(new MergedPullRequest(pr, PullRequestMessages.title(pr.number(), fields[2], how.get()),
                            pr.webUrl().orElse(null), null, List.of(), how.get(), List.of(new Sha(fields[0]))));
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public Pick pick(RepoRef repo, GitRefName releaseBranch, GitRefName branch, MergedPullRequest pr) {
        Path clone = cloneDir(repo);
        synchronized (LOCKS.computeIfAbsent(clone, k -> new Object())) {
            refresh(repo, clone);
            if (in(clone, "rev-parse", "--verify", "--quiet", "--end-of-options", "refs/remotes/origin/" + branch).ok()) {
                return new BranchExists(branch);
            }
            String base = "refs/remotes/origin/" + releaseBranch;
            if (!in(clone, "rev-parse", "--verify", "--quiet", "--end-of-options", base + "^{commit}").ok()) {
                throw new Unavailable(repo.name() + " has no branch " + releaseBranch + ".");
            }
            for (Sha commit : pr.commits()) {
                if (!in(clone, "cat-file", "-e", commit.value() + "^{commit}").ok()) {
                    throw new Unavailable(repo.name() + " has no commit " + commit.shortId() + " on its branches.");
                }
            }
            clean(clone);
            Git.Result checkout = in(clone, "checkout", "--quiet", "--force", "--no-track", "-B", branch.value(), base);
            if (!checkout.ok()) {
                throw failure(repo, "checkout", checkout);
            }
            try {
                List<Sha> picked = new ArrayList<>();
                for (Sha commit : pr.commits()) {
                    List<String> args = new ArrayList<>(List.of("cherry-pick", "-x"));
                    if (pr.mainline()) {
                        args.addAll(List.of("-m", "1"));
                    }
                    args.add(commit.value());
                    Git.Result cherryPick = in(clone, args.toArray(String[]::new));
                    if (!cherryPick.ok()) {
                        List<String> files = in(clone, "diff", "--name-only", "--diff-filter=U", "-z").stdout().lines()
                                .flatMap(l -> Stream.of(l.split("\u0000"))).filter(f -> !f.isEmpty()).toList();
                        in(clone, "cherry-pick", "--abort");
                        if (files.isEmpty()) {
                            throw new Unavailable("git cherry-pick of " + commit.shortId() + " onto " + releaseBranch + " failed: "
                                    + cherryPick.firstErrorLine());
                        }
                        return new Conflict(commit, files);
                    }
                    picked.add(new Sha(in(clone, "rev-parse", "HEAD").stdout().strip()));
                }
                Git.Result push = remoteGit.run(argv(clone, "push", "--quiet", "origin",
                        "refs/heads/" + branch + ":refs/heads/" + branch));
                if (!push.ok()) {
                    throw new Unavailable("Cannot push " + branch + " to " + repo.name() + ": " + push.firstErrorLine());
                }
                return new Picked(branch, picked);
            } finally {
                clean(clone);
                in(clone, "checkout", "--quiet", "--detach", base);
                in(clone, "branch", "--quiet", "-D", branch.value());
            }
        }
    }

    /** {@code <cache>/<12 hex of sha256(url)>-<repo name>}: stable per URL, readable on disk. */
    Path cloneDir(RepoRef repo) {
        return LocalCopies.dir(cacheDir, repo, "");
    }

    /** Whatever an earlier run left (a crash mid-pick): no pick in progress, no changes, no untracked files. */
    private void clean(Path clone) {
        if (Files.exists(clone.resolve(".git").resolve("CHERRY_PICK_HEAD"))) {
            in(clone, "cherry-pick", "--abort");
        }
        in(clone, "reset", "--quiet", "--hard");
        in(clone, "clean", "--quiet", "-ffdx");
    }

    /** The default branch as the remote names it ({@code origin/HEAD}), as a ref of the clone. */
    private String defaultBranch(RepoRef repo, Path clone) {
        Git.Result head = in(clone, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD");
        if (!head.ok()) {
            remoteGit.run(argv(clone, "remote", "set-head", "origin", "--auto"));
            head = in(clone, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD");
        }
        if (!head.ok()) {
            throw new Unavailable("Cannot tell the default branch of " + repo.name() + ": " + head.firstErrorLine());
        }
        return head.stdout().strip();
    }

    /** Clones on first use (without a checkout), fetches afterwards; either way one trip to the remote. */
    private void refresh(RepoRef repo, Path clone) {
        if (Files.isDirectory(clone.resolve(".git"))) {
            Git.Result fetch = remoteGit.run(argv(clone, "fetch", "--prune", "--no-tags", "--quiet", "origin"));
            if (!fetch.ok()) {
                throw new Unavailable("Cannot fetch " + repo.name() + ": " + fetch.firstErrorLine());
            }
            return;
        }
        LocalCopies.createAtomically(clone, partial -> {
            Git.Result cloned = remoteGit.run("clone", "--quiet", "--no-checkout", "--no-tags", "--end-of-options",
                    repo.url(), partial.toString());
            if (!cloned.ok()) {
                throw new Unavailable("Cannot fetch " + repo.name() + ": " + cloned.firstErrorLine());
            }
        });
    }

    private Git.Result in(Path clone, String... args) {
        return git.run(argv(clone, args));
    }

    private static List<String> argv(Path clone, String... args) {
        List<String> argv = new ArrayList<>(IDENTITY);
        argv.addAll(List.of("-C", clone.toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    private static IllegalStateException failure(RepoRef repo, String what, Git.Result result) {
        return new IllegalStateException("git " + what + " in the clone of " + repo.name() + " failed (" + result.exitCode() + "): "
                + result.firstErrorLine());
    }

}
