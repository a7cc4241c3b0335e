package dev.btrbot.adapter.git;

import dev.btrbot.core.port.NotesSource;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.Change;
import dev.btrbot.domain.CherryPick;
import dev.btrbot.domain.PreviousTags;
import dev.btrbot.domain.RepoChanges;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a release's changes from a local mirror of each repository (branches
 * and tags): {@code git log --first-parent previous-tag..candidate}. Each
 * first-parent commit is one of: a merge of a pull request ("Merge pull
 * request #N from …", title on its third line); a squash ("Title (#N)"); a
 * cherry-pick, by its {@code (cherry picked from commit …)} trailer (a merge
 * whose commits all carry one is the backport pull request of those picks), or
 * without a trailer by git's patch id among the default branch's commits
 * since the fork point that touch the same files; or a commit of its own (a
 * rebase-merged pull request's commits look so to git alone; GitHub's API maps
 * them to their pull request). A pick's original is named by its pull request:
 * its own squash title, or the oldest pull-request merge on the default
 * branch's path from it.
 */
public final class GitNotesSource implements NotesSource {
    private static final Pattern MERGE_PR = Pattern.compile("^Merge pull request #(\\d+) from \\S+");
    private static final Pattern SQUASH_PR = Pattern.compile("^(.*\\S)\\s+\\(#(\\d+)\\)$");
    private static final Pattern TRAILER = Pattern.compile("\\(cherry picked from commit ([0-9a-f]{7,64})\\)");
    private static final Pattern SYMREF = Pattern.compile("^ref: refs/heads/(\\S+)\\s+HEAD$", Pattern.MULTILINE);
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();
    /** At most this many default-branch commits are compared by patch id with one unmarked release-branch commit. */
    static final int PATCH_CANDIDATES = 50;

    private final Path cacheDir;
    private final Git git;
    private final Git fetchingGit;

    /** @param cacheDir where the mirrors live ({@code BTR_GIT_CACHE}; under {@code notes/}, apart from the backport check's) */
    public GitNotesSource(Path cacheDir) {
        this.cacheDir = cacheDir.toAbsolutePath().normalize().resolve("notes");
        this.git = new Git();
        this.fetchingGit = new Git("git", GitBackportCheck.DEFAULT_FETCH_TIMEOUT);
    }

    /** One commit as {@code git log} told it. */
    private record Commit(String sha, List<String> parents, String author, String message) {
        String subject() {
            return message.lines().findFirst().orElse("").strip();
        }
    }

    @Override
    public RepoChanges changes(RepoRef repo, Sha to, String fromTag, PreviousTags search) {
        Path mirror = mirrorDir(repo);
        synchronized (LOCKS.computeIfAbsent(mirror, k -> new Object())) {
            String defaultBranch = refresh(repo, mirror);
            if (!in(mirror, "cat-file", "-e", to.value() + "^{commit}").ok()) {
                throw new Unavailable(repo.name() + " has no commit " + to.shortId() + ".");
            }
            String from;
            String chosen;
            if (fromTag != null) {
                if (!in(mirror, "rev-parse", "--verify", "--quiet", "--end-of-options", "refs/tags/" + fromTag + "^{commit}").ok()) {
                    throw new Unavailable(repo.name() + " has no tag " + fromTag + ".");
                }
                from = fromTag;
                chosen = "given with --from";
            } else {
                from = previousTag(mirror, repo, to, search);
                chosen = "the newest tag matching " + search.match() + " that is an ancestor of " + to.shortId();
            }
            List<Change> changes = new ArrayList<>();
            List<CherryPick> picks = new ArrayList<>();
            for (Commit c : log(mirror, "--first-parent", "--reverse", "refs/tags/" + from + ".." + to.value())) {
                read(mirror, defaultBranch, c, changes, picks);
            }
            return new RepoChanges(repo, from, chosen, to, changes, picks);
        }
    }

    private String previousTag(Path mirror, RepoRef repo, Sha to, PreviousTags search) {
        List<String> argv = new ArrayList<>(List.of("describe", "--tags", "--abbrev=0", "--match", search.match()));
        search.exclude().forEach(e -> argv.addAll(List.of("--exclude", e)));
        argv.add(to.value());
        Git.Result described = in(mirror, argv);
        if (!described.ok()) {
            throw new NoPreviousTag(repo.name() + ": no tag matching " + search.match() + " (but " + String.join(", ", search.exclude())
                    + ") is an ancestor of " + to.shortId());
        }
        return described.stdout().strip();
    }

    private void read(Path mirror, String defaultBranch, Commit c, List<Change> changes, List<CherryPick> picks) {
        Sha sha = new Sha(c.sha());
        Matcher merge = MERGE_PR.matcher(c.subject());
        if (c.parents().size() > 1) {
            List<Commit> brought = log(mirror, "--no-merges", c.sha() + "^1.." + c.sha());
            List<CherryPick> picked = new ArrayList<>();
            for (Commit b : brought) {
                trailer(b).ifPresent(x -> picked.add(new CherryPick(original(mirror, defaultBranch, x, b), new Sha(b.sha()),
                        CherryPick.How.TRAILER)));
            }
            if (!picked.isEmpty() && picked.size() == brought.size()) {
                picks.addAll(picked);
                return;
            }
            if (merge.find()) {
                changes.add(Change.fromGit(Integer.parseInt(merge.group(1)), mergeTitle(c), c.author(), sha));
            } else {
                changes.add(Change.fromGit(0, c.subject(), c.author(), sha));
            }
            return;
        }
        Optional<String> cited = trailer(c);
        if (cited.isPresent()) {
            picks.add(new CherryPick(original(mirror, defaultBranch, cited.get(), c), sha, CherryPick.How.TRAILER));
            return;
        }
        // before the squash title: a cherry-pick without -x of a squashed pull request keeps its "(#N)"
        Optional<String> same = samePatchOnDefault(mirror, defaultBranch, c);
        if (same.isPresent()) {
            picks.add(new CherryPick(original(mirror, defaultBranch, same.get(), c), sha, CherryPick.How.PATCH_ID));
            return;
        }
        Matcher squash = SQUASH_PR.matcher(c.subject());
        if (squash.matches()) {
            changes.add(Change.fromGit(Integer.parseInt(squash.group(2)), squash.group(1), c.author(), sha));
            return;
        }
        changes.add(Change.fromGit(0, c.subject(), c.author(), sha));
    }

    /** The body's first line after the subject ("Merge pull request #12 from a/b", blank, the title), else the subject. */
    private static String mergeTitle(Commit c) {
        return c.message().lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(c.subject());
    }

    private static Optional<String> trailer(Commit c) {
        Matcher m = TRAILER.matcher(c.message());
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return Optional.ofNullable(last);
    }

    /** The change a picked commit came from: its pull request when the default branch tells it, else the commit itself. */
    private Change original(Path mirror, String defaultBranch, String sha, Commit picked) {
        Git.Result full = in(mirror, "rev-parse", "--verify", "--quiet", sha + "^{commit}");
        if (!full.ok()) {
            // the original is not in this repository (picked from a fork): the pick stands for itself
            return Change.fromGit(0, picked.subject(), picked.author(), new Sha(picked.sha()));
        }
        Commit x = log(mirror, "-1", full.stdout().strip()).get(0);
        Matcher squash = SQUASH_PR.matcher(x.subject());
        if (squash.matches()) {
            return Change.fromGit(Integer.parseInt(squash.group(2)), squash.group(1), x.author(), new Sha(x.sha()));
        }
        if (defaultBranch != null) {
            for (Commit m : log(mirror, "--merges", "--ancestry-path", "--reverse", x.sha() + "..refs/heads/" + defaultBranch)) {
                Matcher pr = MERGE_PR.matcher(m.subject());
                if (pr.find()) {
                    return Change.fromGit(Integer.parseInt(pr.group(1)), mergeTitle(m), x.author(), new Sha(x.sha()));
                }
            }
        }
        return Change.fromGit(0, x.subject(), x.author(), new Sha(x.sha()));
    }

    /**
     * A default-branch commit since the fork point with the same patch id as {@code c}, looked for only among those that
     * touch its files (at most {@value #PATCH_CANDIDATES}), and only when {@code c} is not on the default branch itself.
     */
    private Optional<String> samePatchOnDefault(Path mirror, String defaultBranch, Commit c) {
        if (defaultBranch == null) {
            return Optional.empty();
        }
        String head = "refs/heads/" + defaultBranch;
        if (in(mirror, "merge-base", "--is-ancestor", c.sha(), head).ok()) {
            return Optional.empty();
        }
        Git.Result base = in(mirror, "merge-base", c.sha(), head);
        Git.Result files = in(mirror, "diff-tree", "--no-commit-id", "--name-only", "-r", c.sha());
        if (!base.ok() || !files.ok() || files.stdout().isBlank()) {
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>(List.of("log", "--no-merges", "--format=%H", "-n", Integer.toString(PATCH_CANDIDATES),
                base.stdout().strip() + ".." + head, "--"));
        files.stdout().lines().filter(l -> !l.isBlank()).forEach(argv::add);
        Git.Result candidates = in(mirror, argv);
        if (!candidates.ok() || candidates.stdout().isBlank()) {
            return Optional.empty();
        }
        String mine = patchIds(mirror, List.of(c.sha())).get(c.sha());
        if (mine == null) {
            return Optional.empty();
        }
        Map<String, String> theirs = patchIds(mirror, candidates.stdout().lines().filter(l -> !l.isBlank()).toList());
        return theirs.entrySet().stream().filter(e -> e.getValue().equals(mine)).map(Map.Entry::getKey).findFirst();
    }

    /** {@code git show -p} of each commit through {@code git patch-id --stable}: commit sha to patch id. */
    private Map<String, String> patchIds(Path mirror, List<String> shas) {
        List<String> show = new ArrayList<>(List.of("show", "--no-color", "--format=commit %H", "-p"));
        show.addAll(shas);
        Git.Result diffs = in(mirror, show);
        if (!diffs.ok()) {
            throw failure("show", diffs);
        }
        Git.Result ids = git.run(List.of("--git-dir=" + mirror, "patch-id", "--stable"), diffs.stdout().getBytes(StandardCharsets.UTF_8));
        if (!ids.ok()) {
            throw failure("patch-id", ids);
        }
        Map<String, String> bySha = new LinkedHashMap<>();
        ids.stdout().lines().map(l -> l.split(" ")).filter(p -> p.length == 2).forEach(p -> bySha.put(p[1], p[0]));
        return bySha;
    }

    private List<Commit> log(Path mirror, String... args) {
        List<String> argv = new ArrayList<>(List.of("log", "--format=%H%x1f%P%x1f%an%x1f%B%x1e"));
        argv.addAll(List.of(args));
        argv.add("--");
        Git.Result out = in(mirror, argv);
        if (!out.ok()) {
            throw failure("log", out);
        }
        List<Commit> commits = new ArrayList<>();
        for (String record : out.stdout().split("\u001e")) {
            String r = record.startsWith("\n") ? record.substring(1) : record;
            if (r.isBlank()) {
                continue;
            }
            String[] f = r.split("\u001f", 4);
            commits.add(new Commit(f[0], f[1].isBlank() ? List.of() : List.of(f[1].split(" ")), f[2], f.length > 3 ? f[3] : ""));
        }
        return commits;
    }

    /**
     * Clones (branches and tags) on first use, fetches afterwards, and asks the remote which branch is its default.
     *
     * @return the default branch, or null when the remote does not say
     */
    private String refresh(RepoRef repo, Path mirror) {
        if (!Files.isRegularFile(mirror.resolve("HEAD"))) {
            // made whole or not at all: a mirror without its remote would only ever fail to fetch
            LocalCopies.createAtomically(mirror, dir -> {
                Git.Result init = git.run("init", "--bare", "--quiet", "--", dir.toString());
                if (!init.ok()) {
                    throw failure("init", init);
                }
                for (List<String> config : List.of(List.of("remote.origin.url", repo.url()),
                        List.of("--replace-all", "remote.origin.fetch", "+refs/heads/*:refs/heads/*"),
                        List.of("--add", "remote.origin.fetch", "+refs/tags/*:refs/tags/*"))) {
                    List<String> argv = new ArrayList<>(List.of("config"));
                    argv.addAll(config);
                    Git.Result set = in(dir, argv);
                    if (!set.ok()) {
                        throw failure("config", set);
                    }
                }
            });
        }
        Git.Result fetch = fetchingGit.run("--git-dir=" + mirror, "fetch", "--prune", "--quiet", "origin");
        if (!fetch.ok()) {
            throw new Unavailable("Cannot fetch " + repo.name() + ": " + fetch.firstErrorLine());
        }
        Git.Result head = fetchingGit.run("--git-dir=" + mirror, "ls-remote", "--symref", "origin", "HEAD");
        Matcher m = SYMREF.matcher(head.ok() ? head.stdout() : "");
        return m.find() ? m.group(1) : null;
    }

    Path mirrorDir(RepoRef repo) {
        return LocalCopies.dir(cacheDir, repo, ".git");
    }

    private Git.Result in(Path mirror, String... args) {
        return in(mirror, List.of(args));
    }

    private Git.Result in(Path mirror, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add("--git-dir=" + mirror);
        argv.addAll(args);
        return git.run(argv);
    }

    private static IllegalStateException failure(String what, Git.Result result) {
        return new IllegalStateException("git " + what + " failed (" + result.exitCode() + "): " + result.firstErrorLine());
    }
}
