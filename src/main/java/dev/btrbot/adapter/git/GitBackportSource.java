package dev.btrbot.adapter.git;

import dev.btrbot.core.port.BackportSource;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.BackportLabels;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.PullRequestRef;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backport candidates from the git history alone, in the backport check's local copy of each repository: the commits
 * on the default branch since the release branch forked (its first-parent line: each one a merged pull request)
 * whose message, or the message of a commit a merge brought in, carries a trailer naming the release —
 * {@code Backport-To: koa}, {@code Backport: koa.2}, {@code Affects: open-release/koa.master} (its name, its series or
 * its branch, in any case) — and names its pull request: {@code Merge pull request #N from …} (a merge commit) or
 * {@code Title (#N)} (a squash). A commit that names no pull request (a rebase merge) is found only through the API's
 * labels. Labels are GitHub's alone: git has none.
 */
public final class GitBackportSource implements BackportSource {
    private static final Pattern MERGE = Pattern.compile("Merge pull request #([1-9][0-9]{0,8}) from \\S+");
    private static final Pattern SQUASH = Pattern.compile("(.*\\S)\\s+\\(#([1-9][0-9]{0,8})\\)");
    private static final Pattern TRAILER = Pattern.compile("(?im)^[\\s*-]*(Backport-To|Backport|Affects)\\s*:\\s*(.+?)\\s*$");
    private static final char FIELD = '\u001f';
    private static final char RECORD = '\u001e';

    private final GitBackportCheck mirrors;
    private final Git git;

    /** @param mirrors whose local copies (and fetching) this reads */
    public GitBackportSource(GitBackportCheck mirrors) {
        this(mirrors, new Git());
    }

    GitBackportSource(GitBackportCheck mirrors, Git git) {
        this.mirrors = Objects.requireNonNull(mirrors);
        this.git = Objects.requireNonNull(git);
    }

    @Override
    public Found find(Request request) {
        List<Change> changes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (RepoRef repo : request.repos()) {
            try {
                String head = defaultBranch(repo);
                changes.addAll(mirrors.onMirror(repo, mirror -> read(mirror, repo, head, request)));
            } catch (Unavailable e) {
                problems.add("Backport trailers in " + repo.name() + " could not be read: " + e.getMessage());
            }
        }
        return new Found(changes, problems);
    }

    /** The remote's default branch, as its HEAD names it. */
    private String defaultBranch(RepoRef repo) {
        Git.Result r = git.run("ls-remote", "--symref", "--", repo.url(), "HEAD");
        if (!r.ok()) {
            throw new Unavailable("cannot read its default branch: " + r.firstErrorLine());
        }
        Matcher m = Pattern.compile("(?m)^ref: refs/heads/(\\S+)\\s+HEAD$").matcher(r.stdout());
        if (!m.find()) {
            throw new Unavailable("its HEAD names no default branch.");
        }
        return m.group(1);
    }

    private List<Change> read(Path mirror, RepoRef repo, String head, Request request) {
        String defaultRef = "refs/heads/" + head;
        String branchRef = "refs/heads/" + request.branch().value();
        if (head.equals(request.branch().value())) {
            return List.of();
        }
        Git.Result base = in(mirror, "merge-base", defaultRef, branchRef);
        if (!base.ok()) {
            throw new Unavailable(base.exitCode() == 1 ? "its branches " + head + " and " + request.branch() + " share no history."
                    : "no branch " + request.branch() + " or " + head + " (" + base.firstErrorLine() + ").");
        }
        String range = base.stdout().strip() + ".." + defaultRef;
        Git.Result log = in(mirror, "log", "--format=%H" + FIELD + "%P" + FIELD + "%an" + FIELD + "%cI" + FIELD + "%B" + RECORD,
                range, "--");
        Git.Result line = in(mirror, "rev-list", "--first-parent", "--reverse", range, "--");
        if (!log.ok() || !line.ok()) {
            throw new Unavailable("git log failed: " + (log.ok() ? line : log).firstErrorLine());
        }
        Map<String, Commit> commits = new HashMap<>();
        for (String rec : log.stdout().split(String.valueOf(RECORD))) {
            String[] f = rec.strip().split(String.valueOf(FIELD), 5);
            if (f.length == 5) {
                commits.put(f[0], new Commit(f[0], List.of(f[1].isBlank() ? new String[0] : f[1].split(" ")), f[2], f[3], f[4]));
            }
        }
        // oldest first (--reverse): the order they were merged in
        Set<String> firstParents = new LinkedHashSet<>(line.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList());
        List<Change> found = new ArrayList<>();
        for (String sha : firstParents) {
            Commit c = commits.get(sha);
            if (c == null) {
                continue;
            }
            PrNamed named = prNamed(c);
            if (named == null) {
                continue;
            }
            String trailer = trailerNaming(messages(c, commits, firstParents), request);
            if (trailer != null) {
                found.add(new Change(new PullRequestRef(repo, named.number()), named.title(), c.author(), new Sha(c.sha()),
                        OffsetDateTime.parse(c.date()).toInstant(), "trailer '" + trailer + "'"));
            }
        }
        return found;
    }

    private record Commit(String sha, List<String> parents, String author, String date, String message) {
    }

    private record PrNamed(int number, String title) {
    }

    /** The pull request a first-parent commit merged, by GitHub's merge or squash message; null when it names none. */
    private static PrNamed prNamed(Commit c) {
        List<String> lines = c.message().lines().toList();
        String subject = lines.isEmpty() ? "" : lines.get(0).strip();
        Matcher m = MERGE.matcher(subject);
        if (m.matches()) {
            String title = lines.stream().skip(1).map(String::strip).filter(s -> !s.isEmpty()).findFirst().orElse(subject);
            return new PrNamed(Integer.parseInt(m.group(1)), title);
        }
        m = SQUASH.matcher(subject);
        return m.matches() ? new PrNamed(Integer.parseInt(m.group(2)), m.group(1)) : null;
    }

    /** The commit's message, and for a merge the messages of the commits it brought in. */
    private static List<String> messages(Commit c, Map<String, Commit> commits, Set<String> firstParents) {
        List<String> messages = new ArrayList<>(List.of(c.message()));
        if (c.parents().size() < 2) {
            return messages;
        }
        Deque<String> todo = new ArrayDeque<>(c.parents().subList(1, c.parents().size()));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String sha = todo.pop();
            Commit brought = commits.get(sha);
            if (brought == null || firstParents.contains(sha) || !seen.add(sha)) {
                continue;
            }
            messages.add(brought.message());
            todo.addAll(brought.parents());
        }
        return messages;
    }

    /** The first trailer that names the release (one of a comma-separated list counts), as written; null when none does. */
    private static String trailerNaming(List<String> messages, Request request) {
        for (String message : messages) {
            Matcher t = TRAILER.matcher(message);
            while (t.find()) {
                for (String value : t.group(2).split(",")) {
                    if (!value.isBlank() && BackportLabels.namesRelease(value, request.release(), request.branch())) {
                        return t.group(1) + ": " + t.group(2);
                    }
                }
            }
        }
        return null;
    }

    private Git.Result in(Path gitDir, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "--git-dir=" + gitDir;
        System.arraycopy(args, 0, argv, 1, args.length);
        return git.run(argv);
    }
}
