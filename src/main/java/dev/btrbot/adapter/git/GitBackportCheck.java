package dev.btrbot.adapter.git;

import dev.btrbot.core.port.BackportCheck;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers "is this fix on the release branch?" from a local copy of each
 * repository's branches, refreshed once per check. A fix counts when the
 * commit itself is on the branch, when a branch commit cites it in a
 * {@code (cherry picked from commit …)} line (full or abbreviated to at least
 * 7 hex digits), or when a branch commit has the same patch. The copy holds
 * only {@code refs/heads/*}: a GitHub mirror would also drag in every pull
 * request ref, which fixes "closed by a commit on the default branch" never
 * need.
 */
public final class GitBackportCheck implements BackportCheck {
    private static final Pattern CITATION =
            Pattern.compile("\\(cherry picked from commit ([0-9a-fA-F]{7,64})\\)");
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    /** A first fetch of a large repository (edx-platform) takes minutes, far past a local command's limit. */
    static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofMinutes(20);

    private final Path cacheDir;
    private final Git git;
    private final Git fetchingGit;

    public GitBackportCheck(Path cacheDir) {
        this(cacheDir, new Git(), new Git("git", DEFAULT_FETCH_TIMEOUT));
    }

    /** @param fetchingGit runs the commands that talk to the remote, with a timeout fit for a first clone */
    GitBackportCheck(Path cacheDir, Git git, Git fetchingGit) {
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        this.git = Objects.requireNonNull(git, "git");
        this.fetchingGit = Objects.requireNonNull(fetchingGit, "fetchingGit");
    }

    @Override
    public Map<Sha, Containment> check(RepoRef repo, GitRefName branch, List<Sha> fixes) {
        Path mirror = mirrorDir(repo);
        synchronized (LOCKS.computeIfAbsent(mirror, key -> new Object())) {
            refresh(repo, mirror);
            String branchRef = "refs/heads/" + branch.value();
            if (!gitIn(mirror, "rev-parse", "--verify", "--quiet", "--end-of-options", branchRef + "^{commit}").ok()) {
                throw new Unavailable(repo.name() + " has no branch " + branch + ".");
            }
            Map<Sha, Containment> answers = new LinkedHashMap<>();
            for (Sha fix : fixes) {
                answers.computeIfAbsent(fix, f -> decide(mirror, branchRef, f));
            }
            return answers;
        }
    }

    /**
     * Runs {@code work} on the repository's local copy, refreshed first (one trip to the remote), while no other check
     * of the same copy runs: for readers of the history other than the backport check (the backport queue).
     */
    <T> T onMirror(RepoRef repo, java.util.function.Function<Path, T> work) {
        Path mirror = mirrorDir(repo);
        synchronized (LOCKS.computeIfAbsent(mirror, key -> new Object())) {
            refresh(repo, mirror);
            return work.apply(mirror);
        }
    }

    /** {@code <cache>/<12 hex of sha256(url)>-<repo name>}: stable per URL, readable on disk. */
    Path mirrorDir(RepoRef repo) {
        return LocalCopies.dir(cacheDir, repo, ".git");
    }

    private Containment decide(Path mirror, String branchRef, Sha fix) {
        String sha = fix.value();
        if (!gitIn(mirror, "cat-file", "-e", sha + "^{commit}").ok()) {
            return Containment.UNKNOWN_COMMIT;
        }
        Git.Result ancestor = gitIn(mirror, "merge-base", "--is-ancestor", sha, branchRef);
        if (ancestor.ok()) {
            return Containment.ON_BRANCH;
        }
        if (ancestor.exitCode() != 1) {
            throw failure("merge-base", ancestor);
        }
        if (citedOnBranch(mirror, branchRef, fix)) {
            return Containment.CHERRY_PICKED;
        }
        return samePatchOnBranch(mirror, branchRef, fix) ? Containment.PATCH_EQUIVALENT : Containment.MISSING;
    }

    /**
     * Searches only the branch commits after the fork point of fix and branch:
     * a commit citing the fix is younger than the fix, so it cannot be older
     * than their merge base.
     */
    private boolean citedOnBranch(Path mirror, String branchRef, Sha fix) {
        Git.Result base = gitIn(mirror, "merge-base", fix.value(), branchRef);
        String range = base.ok() ? base.stdout().trim() + ".." + branchRef : branchRef;
        Git.Result log = gitIn(mirror, "log", "--format=%B%x1e", "--fixed-strings",
                "--grep=cherry picked from commit " + fix.value().substring(0, 7), range, "--");
        if (!log.ok()) {
            throw failure("log", log);
        }
        Matcher citation = CITATION.matcher(log.stdout());
        while (citation.find()) {
            if (fix.value().startsWith(citation.group(1).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** {@code git cherry} marks with '-' a commit whose patch-id matches a commit on the branch. */
    private boolean samePatchOnBranch(Path mirror, String branchRef, Sha fix) {
        String sha = fix.value();
        boolean root = !gitIn(mirror, "rev-parse", "--verify", "--quiet", sha + "^").ok();
        Git.Result cherry = root
                ? gitIn(mirror, "cherry", branchRef, sha)
                : gitIn(mirror, "cherry", branchRef, sha, sha + "^");
        if (!cherry.ok()) {
            throw failure("cherry", cherry);
        }
        return cherry.stdout().lines().anyMatch(line -> line.equals("- " + sha));
    }

    /** Clones on first use, fetches afterwards; either way exactly one trip to the remote. */
    private void refresh(RepoRef repo, Path mirror) {
        if (Files.isRegularFile(mirror.resolve("HEAD"))) {
            Git.Result fetch = fetch(mirror);
            if (!fetch.ok()) {
                throw new Unavailable("Cannot fetch " + repo.name() + ": " + fetch.firstErrorLine());
            }
            return;
        }
        LocalCopies.createAtomically(mirror, dir -> create(repo, dir));
    }

    /** A bare repository whose origin maps branches one to one, filled by a first fetch. */
    private void create(RepoRef repo, Path dir) {
        Git.Result init = git.run("init", "--bare", "--quiet", "--", dir.toString());
        if (!init.ok()) {
            throw failure("init", init);
        }
        for (List<String> config : List.of(
                List.of("remote.origin.url", repo.url()),
                List.of("remote.origin.fetch", "+refs/heads/*:refs/heads/*"))) {
            Git.Result set = gitIn(dir, "config", config.get(0), config.get(1));
            if (!set.ok()) {
                throw failure("config", set);
            }
        }
        Git.Result fetch = fetch(dir);
        if (!fetch.ok()) {
            throw new Unavailable("Cannot fetch " + repo.name() + ": " + fetch.firstErrorLine());
        }
    }

    private Git.Result fetch(Path gitDir) {
        return fetchingGit.run("--git-dir=" + gitDir, "fetch", "--prune", "--no-tags", "--quiet", "origin");
    }

    private Git.Result gitIn(Path gitDir, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "--git-dir=" + gitDir;
        System.arraycopy(args, 0, argv, 1, args.length);
        return git.run(argv);
    }

    private static IllegalStateException failure(String what, Git.Result result) {
        return new IllegalStateException("git " + what + " failed (" + result.exitCode() + "): " + result.firstErrorLine());
    }


}
