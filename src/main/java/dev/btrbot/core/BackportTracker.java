package dev.btrbot.core;

import dev.btrbot.core.port.BackportCheck;
import dev.btrbot.core.port.BackportSource;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.BackportCandidate;
import dev.btrbot.domain.BackportLabels;
import dev.btrbot.domain.BackportQueue;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import dev.btrbot.domain.Text;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a release's backport queue: {@link #refresh} finds the changes that ask to be on the release branch (with the
 * blocker sync) and adds the new ones; {@link #settle} asks whether each one is on the branch by the blockers' rules
 * (the commit is an ancestor, a branch commit cites it with {@code cherry-pick -x}, or has the same patch). A candidate
 * stays pending until it is there or a manager declines it; one found on the branch goes back to pending if a later
 * look does not find it (the branch was rewritten). A declined one is never looked at again.
 */
public final class BackportTracker {
    private static final Logger LOG = LoggerFactory.getLogger(BackportTracker.class);

    private final Store store;
    private final Clock clock;
    private final BackportSource source;
    private final BackportCheck check;
    /** Per release, the branch heads (candidate id) and pending pull requests last settled in this process. */
    private final Map<dev.btrbot.domain.ReleaseName, String> settled = new java.util.concurrent.ConcurrentHashMap<>();

    public BackportTracker(Store store, Clock clock, BackportSource source, BackportCheck check) {
        this.store = store;
        this.clock = clock;
        this.source = source;
        this.check = check;
    }

    /**
     * @param added    pull requests new in the queue
     * @param landed   candidates found on the branch by this refresh
     * @param problems what could not be read (the rest was)
     */
    public record Outcome(List<String> added, List<String> landed, List<String> problems, int pending) {
    }

    /** Refreshes every active release's queue; failures are logged, never thrown. */
    public void refreshAll(MemberId actor) {
        for (Release r : store.read(tx -> tx.releases().all())) {
            if (r.state().isActive() && !r.repos().isEmpty()) {
                try {
                    Outcome o = refresh(r, actor);
                    o.problems().forEach(p -> LOG.warn("backports of {}: {}", r.name(), p));
                } catch (RuntimeException e) {
                    LOG.error("refreshing the backports of {} failed", r.name(), e);
                }
            }
        }
    }

    /** Finds new candidates, adds them (audited), then settles every candidate that is not declined. */
    public Outcome refresh(Release release, MemberId actor) {
        BackportLabels labels = store.read(tx -> tx.backports().labels(release.name())).orElse(BackportLabels.DEFAULT);
        var known = store.read(tx -> tx.backports().forRelease(release.name())).stream().map(BackportCandidate::pr)
                .collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        BackportSource.Found found;
        try {
            found = source.find(new BackportSource.Request(release.name(), release.branch(), release.repos(), labels, known));
        } catch (Unavailable e) {
            found = new BackportSource.Found(List.of(), List.of(e.getMessage()));
        }
        problems.addAll(found.problems());
        Instant at = clock.instant();
        List<BackportSource.Change> changes = found.changes().stream().filter(c -> release.repos().contains(c.pr().repo())).toList();
        List<String> added = store.write(tx -> {
            List<String> names = new ArrayList<>();
            for (BackportSource.Change c : changes) {
                BackportCandidate candidate = new BackportCandidate(release.name(), c.pr(), c.title(), c.author(), c.mergeSha(),
                        c.mergedAt(), c.foundBy(), BackportCandidate.State.PENDING, null, null, at);
                if (tx.backports().add(candidate)) {
                    names.add(c.pr().shown() + " (" + c.foundBy() + ")");
                }
            }
            if (!names.isEmpty()) {
                tx.audit().record(at, actor, release.name(), "backport.found", String.join(", ", names));
            }
            return names;
        });
        List<BackportCandidate> stillOpen = store.read(tx -> tx.backports().forRelease(release.name())).stream()
                .filter(c -> c.state() != BackportCandidate.State.DECLINED && release.repos().contains(c.pr().repo())).toList();
        Settled settled = settle(release, stillOpen);
        problems.addAll(settled.problems());
        List<String> landed = settled.queue().candidates().stream()
                .filter(c -> c.state() == BackportCandidate.State.ON_BRANCH && stillOpen.stream()
                        .anyMatch(o -> o.pr().equals(c.pr()) && o.pending()))
                .map(c -> c.pr().shown()).toList();
        return new Outcome(added, landed, problems, settled.queue().pending().size());
    }

    /** The queue after asking whether each pending candidate is on the branch now; for status and the gate. */
    public BackportQueue settle(Release release) {
        return settle(release, (String) null);
    }

    /**
     * {@link #settle(Release)}, asking git only when something could have changed since this process last asked: a
     * pending candidate is on the branch or not by the branch's commits alone, so with the same branch heads
     * ({@code candidateId}) and the same pending pull requests the answer is the one stored.
     *
     * @param candidateId the release branch heads just read; null: unknown, ask
     */
    public BackportQueue settle(Release release, String candidateId) {
        List<BackportCandidate> pending = store.read(tx -> tx.backports().forRelease(release.name())).stream()
                .filter(c -> c.pending() && release.repos().contains(c.pr().repo())).toList();
        String key = candidateId == null ? null : candidateId + " " + pending.stream().map(c -> c.pr().shown() + "@" + c.mergeSha()).toList();
        if (!pending.isEmpty() && (key == null || !key.equals(settled.get(release.name())))) {
            if (settle(release, pending).problems().isEmpty() && key != null) {
                settled.put(release.name(), key);
            }
        }
        return new BackportQueue(store.read(tx -> tx.backports().forRelease(release.name())));
    }

    private record Settled(BackportQueue queue, List<String> problems) {
    }

    /** Checks each candidate, repository by repository (one fetch each), and stores what changed. */
    private Settled settle(Release release, List<BackportCandidate> candidates) {
        Map<RepoRef, List<BackportCandidate>> byRepo = new LinkedHashMap<>();
        candidates.forEach(c -> byRepo.computeIfAbsent(c.pr().repo(), r -> new ArrayList<>()).add(c));
        List<String> problems = new ArrayList<>();
        List<BackportCandidate> changed = new ArrayList<>();
        for (var e : byRepo.entrySet()) {
            Map<Sha, BackportCheck.Containment> answers;
            try {
                answers = check.check(e.getKey(), release.branch(), e.getValue().stream().map(BackportCandidate::mergeSha).distinct().toList());
            } catch (Unavailable ex) {
                problems.add("Backports in " + e.getKey().name() + " could not be checked: " + ex.getMessage());
                continue;
            }
            for (BackportCandidate c : e.getValue()) {
                BackportCandidate now = decided(c, answers.get(c.mergeSha()));
                if (now.state() != c.state() || now.landed() != c.landed()) {
                    changed.add(now);
                }
            }
        }
        if (!changed.isEmpty()) {
            store.write(tx -> {
                changed.forEach(c -> tx.backports().settle(c));
                return null;
            });
        }
        return new Settled(new BackportQueue(store.read(tx -> tx.backports().forRelease(release.name()))), problems);
    }

    private static BackportCandidate decided(BackportCandidate c, BackportCheck.Containment answer) {
        if (answer == null) {
            return c;
        }
        return switch (answer) {
            case ON_BRANCH -> c.landedBy(BackportCandidate.Landed.ANCESTOR);
            case CHERRY_PICKED -> c.landedBy(BackportCandidate.Landed.CHERRY_PICKED);
            case PATCH_EQUIVALENT -> c.landedBy(BackportCandidate.Landed.SAME_PATCH);
            case MISSING, UNKNOWN_COMMIT -> c.pendingAgain();
        };
    }

    /** The refresh in one line, for sync's reply. */
    public static String describe(Outcome o) {
        List<String> parts = new ArrayList<>();
        if (!o.added().isEmpty()) {
            parts.add(Text.plural(o.added().size(), "new backport candidate", "new backport candidates") + " (" + String.join(", ", o.added()) + ")");
        }
        if (!o.landed().isEmpty()) {
            parts.add(o.landed().size() + " now on the branch (" + String.join(", ", o.landed()) + ")");
        }
        parts.add(Text.plural(o.pending(), "backport", "backports") + " pending");
        return String.join("; ", parts) + ".";
    }
}
