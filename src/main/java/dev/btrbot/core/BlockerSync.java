package dev.btrbot.core;

import dev.btrbot.core.port.BlockerSource;
import dev.btrbot.core.port.StoreTx;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Priority;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import dev.btrbot.domain.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes a release's blockers from GitHub. Issues carrying the release's
 * milestone or label become blockers (matched by url, so a blocker added by
 * hand with the issue's link is the same blocker); their priority follows
 * their labels; closing and reopening follow the issue; the commit that closed
 * an issue becomes the blocker's fix, which the gate then requires on the
 * release branch. Blockers added by hand are never touched otherwise.
 * At most one sync per release is in flight (the claim is in the store, so it
 * holds across processes). A failure leaves the stored blockers as they were
 * and is remembered, so status can say GitHub is unreachable. An answer the
 * source marks incomplete (GitHub's search timed out) updates what it lists
 * but closes nothing it left out: the gate never opens on a partial result;
 * the sync and status say so, and the next sync asks again.
 */
public final class BlockerSync {
    private static final Logger LOG = LoggerFactory.getLogger(BlockerSync.class);
    /** A claim older than this is from a crashed process and is taken over. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(10);

    private final Services services;

    public BlockerSync(Services services) {
        this.services = services;
    }

    /**
     * @param changes  what changed, in words ("2 new, 1 closed, 1 fix"); empty when nothing did
     * @param problems bad data that did not stop the sync
     * @param error    why the sync failed, or null when it succeeded
     */
    public record Outcome(ReleaseName release, List<String> changes, List<String> problems, String error, int issues) {
        public boolean failed() {
            return error != null;
        }
    }

    /** Syncs every active release that names a milestone or label; failures are logged and remembered, never thrown. */
    public List<Outcome> syncAll(MemberId actor) {
        List<Release> releases = services.store().read(tx -> tx.releases().all()).stream()
                .filter(r -> r.state().isActive() && (r.milestone() != null || r.label() != null)).toList();
        List<Outcome> outcomes = new ArrayList<>();
        for (Release r : releases) {
            try {
                outcomes.add(sync(r.name(), actor));
            } catch (Refusal e) {
                LOG.info("sync of {} skipped: {}", r.name(), e.getMessage());
            }
        }
        return outcomes;
    }

    /** @throws Refusal when the release cannot be synced (unknown, no milestone/label, a sync in flight) */
    public Outcome sync(ReleaseName name, MemberId actor) {
        Release release = services.store().read(tx -> tx.releases().named(name.value()));
        if (release.milestone() == null && release.label() == null) {
            throw new Refusal(name + " names no GitHub milestone or label to sync blockers from (release create … --milestone M --label L).");
        }
        if (!services.blockerSource().configured()) {
            throw new Refusal("GitHub is not configured (set GITHUB_TOKEN); blockers can only be added by hand.");
        }
        String owner = services.processId() + "#" + Thread.currentThread().getId();
        Instant started = services.clock().instant();
        boolean claimed = services.store().write(tx -> tx.syncState().claim(name, owner, started, started.minus(STALE_CLAIM)));
        if (!claimed) {
            throw new Refusal("A sync of " + name + " is already running; its result shows in status " + name + ".");
        }
        try {
            return run(release, actor, owner);
        } catch (Unavailable e) {
            Instant at = services.clock().instant();
            LOG.warn("GitHub sync of {} failed: {}", name, e.getMessage());
            services.store().write(tx -> {
                tx.syncState().failed(name, at, e.getMessage());
                tx.syncState().release(name, owner);
                return null;
            });
            return new Outcome(name, List.of(), List.of(), e.getMessage(), 0);
        } catch (RuntimeException e) {
            services.store().write(tx -> {
                tx.syncState().release(name, owner);
                return null;
            });
            throw e;
        }
    }

    private Outcome run(Release release, MemberId actor, String owner) {
        ReleaseName name = release.name();
        BlockerSource source = services.blockerSource();
        BlockerSource.Fetch fetch = source.issues(new BlockerSource.Query(release.repos(), release.milestone(), release.label()));
        List<String> problems = new ArrayList<>(fetch.problems());
        Map<String, Blocker> stored = services.store().read(tx -> tx.blockers().forRelease(name)).stream()
                .collect(Collectors.toMap(Blocker::url, Function.identity(), (a, b) -> a, LinkedHashMap::new));

        // the closing commits of issues that closed since the last sync (or that the bot meets closed for the first time),
        // and of closed issues whose fix is still unknown
        List<BlockerSource.Issue> justClosed = new ArrayList<>();
        List<BlockerSource.Issue> unknown = new ArrayList<>();
        for (BlockerSource.Issue issue : fetch.issues()) {
            Blocker known = stored.get(issue.url());
            boolean closedBefore = known != null && known.issue() != null && Objects.equals(known.issue().closed(), issue.closed());
            if (!issue.open() && !closedBefore) {
                justClosed.add(issue);
            } else if (!issue.open() && (known == null || known.fixes().isEmpty())) {
                unknown.add(issue);
            }
        }
        BlockerSource.Fixes found = source.fixes(justClosed, unknown);
        Map<String, List<Sha>> fixes = found.byUrl();
        problems.addAll(found.problems());

        Instant at = services.clock().instant();
        List<BlockerSource.Issue> issues = fetch.issues();
        if (fetch.incomplete()) {
            problems.add(partialResult(at));
        }
        if (issues.isEmpty() && !fetch.incomplete()
                && stored.values().stream().anyMatch(b -> b.origin() == Blocker.Origin.GITHUB && b.open())) {
            problems.add("No issue carries " + selector(release) + " any more (renamed or deleted?); the stored blockers are kept as they were.");
            Outcome outcome = services.store().write(tx -> {
                tx.syncState().succeeded(name, at);
                return new Outcome(name, List.of(), problems, null, 0);
            });
            services.store().write(tx -> {
                tx.syncState().release(name, owner);
                return null;
            });
            problems.forEach(p -> LOG.warn("GitHub sync of {}: {}", name, p));
            return outcome;
        }
        List<RepoRef> unreadable = fetch.unreadable();
        boolean complete = !fetch.incomplete();
        Outcome outcome = services.store().write(tx -> apply(tx, release, actor, issues, unreadable, complete, fixes, problems, at));
        services.store().write(tx -> {
            tx.syncState().release(name, owner);
            return null;
        });
        problems.forEach(p -> LOG.warn("GitHub sync of {}: {}", name, p));
        return outcome;
    }

    static String selector(Release release) {
        return release.milestone() != null && release.label() != null
                ? "milestone '" + release.milestone() + "' or label '" + release.label() + "'"
                : release.milestone() != null ? "milestone '" + release.milestone() + "'" : "label '" + release.label() + "'";
    }

    /** The sync's (and the log's) sentence for an answer the source marked incomplete. */
    static String partialResult(Instant at) {
        return "GitHub returned a partial result at " + at + " (its search timed out): blockers it did not list are kept as stored,"
                + " none is closed for being missing; the next sync tries again.";
    }

    /** @param complete false when the source said its answer may leave issues out: then a blocker it did not list stays as stored */
    private Outcome apply(StoreTx tx, Release release, MemberId actor, List<BlockerSource.Issue> issues, List<RepoRef> unreadable,
                          boolean complete, Map<String, List<Sha>> fixes, List<String> problems, Instant at) {
        ReleaseName name = release.name();
        Map<String, Blocker> stored = tx.blockers().forRelease(name).stream()
                .collect(Collectors.toMap(Blocker::url, Function.identity(), (a, b) -> a));
        int added = 0;
        int closed = 0;
        int reopened = 0;
        int reprioritised = 0;
        int fixCount = 0;
        for (BlockerSource.Issue issue : issues) {
            Blocker b = stored.get(issue.url());
            Priority fromLabels = services.priorityLabels().priorityOf(issue.labels());
            String title = issue.title().isBlank() ? "(no title)" : Text.clip200(issue.title());
            if (b == null) {
                b = tx.blockers().add(name, issue.url(), title, fromLabels, null, Blocker.Origin.GITHUB, at);
                added++;
            } else {
                if (b.open() && !issue.open()) {
                    closed++;
                } else if (!b.open() && issue.open()) {
                    reopened++;
                }
                if (b.origin() == Blocker.Origin.GITHUB && b.priority() != fromLabels) {
                    reprioritised++;
                }
            }
            // labels decide a synced blocker's priority; a blocker added by hand keeps the one given by hand, if any
            Priority priority = b.origin() == Blocker.Origin.GITHUB || b.priority() == null ? fromLabels : b.priority();
            tx.blockers().updateFromIssue(name, b.number(), title, priority, issue.open(),
                    new Blocker.Issue(issue.slug(), issue.number(), issue.labels(), issue.assignees(), issue.opened(), issue.updated(),
                            issue.closed()));
            for (Sha sha : fixes.getOrDefault(issue.url(), List.of())) {
                if (tx.blockers().addFix(name, b.number(), new Blocker.FixCommit(issue.repo(), sha))) {
                    fixCount++;
                }
            }
        }
        // an open synced blocker whose issue no longer carries the milestone or label no longer blocks (known only from a complete answer)
        java.util.Set<String> seen = issues.stream().map(BlockerSource.Issue::url).collect(Collectors.toSet());
        int left = 0;
        for (Blocker b : stored.values()) {
            if (complete && b.origin() == Blocker.Origin.GITHUB && b.open() && !seen.contains(b.url()) && !b.belongsToAny(unreadable)) {
                tx.blockers().setOpen(name, b.number(), false, at);
                left++;
            }
        }
        List<String> changes = new ArrayList<>();
        count(changes, added, "new", "new");
        count(changes, closed, "closed", "closed");
        count(changes, left, "no longer in " + selector(release), "no longer in " + selector(release));
        count(changes, reopened, "reopened", "reopened");
        count(changes, reprioritised, "priority changed", "priorities changed");
        count(changes, fixCount, "fix commit", "fix commits");
        if (complete) {
            tx.syncState().succeeded(name, at);
        } else {
            tx.syncState().partial(name, at);
        }
        if (!changes.isEmpty()) {
            tx.audit().record(at, actor, name, "blocker.sync", String.join(", ", changes) + " (" + issues.size() + " issues)");
        }
        return new Outcome(name, changes, problems, null, issues.size());
    }

    private static void count(List<String> changes, int n, String one, String many) {
        if (n > 0) {
            changes.add(n + " " + (n == 1 ? one : many));
        }
    }
}
