package dev.btrbot.core;

import dev.btrbot.core.port.BackportCheck;
import dev.btrbot.core.port.BlockerSource;
import dev.btrbot.core.port.CandidateSource;
import dev.btrbot.core.port.CheckSource;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.StoreTx;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.CheckResult;
import dev.btrbot.domain.Gate;
import dev.btrbot.domain.GateDecision;
import dev.btrbot.domain.GateInput;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.MissingBackport;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.RoleName;
import dev.btrbot.domain.Sha;
import dev.btrbot.domain.TagRun;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assesses a release: reads the branch heads with git (outside any
 * transaction), remembers a candidate the first time it is seen, checks that
 * every blocker's fix is on the release branch, and runs the gate over what
 * the store holds. {@link #assessStored} is the same gate over the store
 * alone, for views anyone may load (the dashboard).
 */
public final class Readiness {
    private final Store store;
    private final Clock clock;
    private final CandidateSource candidates;
    private final BackportCheck backports;
    private final CheckSource ciChecks;
    private final Checklists checklists;
    private final BackportTracker backportQueue;

    /**
     * @param candidates reads the branch heads
     * @param backports  says whether each blocker's fix is on the release branch
     * @param checks     CI results of the release's required checks ({@link CheckSource#NONE} without GitHub)
     * @param checklists each release's runbook checklist, whose open items the gate counts
     * @param backportQueue keeps the release's backport queue; null: the release has none
     */
    public Readiness(Store store, Clock clock, CandidateSource candidates, BackportCheck backports, CheckSource checks,
                     Checklists checklists, BackportTracker backportQueue) {
        this.store = store;
        this.clock = clock;
        this.candidates = candidates;
        this.backports = backports;
        this.ciChecks = checks;
        this.checklists = checklists;
        this.backportQueue = backportQueue;
    }

    /** @param tagger who would tag (for the "not the only tester" rule); null to use the release's tagger */
    public Assessment assess(ReleaseName name, MemberId actor, MemberId tagger) {
        Release release = store.read(tx -> tx.releases().named(name.value()));
        Candidate candidate = null;
        String problem = null;
        if (release.repos().isEmpty()) {
            problem = release.name() + " lists no repositories yet.";
        } else if (!release.state().isActive()) {
            candidate = store.read(tx -> taggedCandidate(tx, release));
            problem = candidate == null ? release.name() + " is " + release.state().label() + "." : null;
        } else {
            try {
                candidate = observe(release, actor);
            } catch (Unavailable e) {
                problem = e.getMessage();
            }
        }
        List<Blocker> blockers = store.read(tx -> tx.blockers().forRelease(name));
        List<MissingBackport> missing = missingBackports(release, blockers);
        if (backportQueue != null && release.state().isActive()) {
            backportQueue.settle(release, candidate == null ? null : candidate.id());
        }
        Candidate current = candidate;
        String currentProblem = problem;
        List<CheckResult> checks = new ArrayList<>();
        String checksProblem = null;
        if (current != null && release.state().isActive() && !release.policy().requiredChecks().isEmpty()) {
            try {
                for (RepoHead head : current.heads()) {
                    checks.addAll(ciChecks.results(head.repo(), head.sha(), release.policy().requiredChecks()));
                }
            } catch (Unavailable e) {
                checksProblem = e.getMessage();
            }
        }
        String checkProblem = checksProblem;
        return store.read(tx -> assemble(tx, release, current, currentProblem, missing, tagger, checks, checkProblem));
    }

    /**
     * Where the release stood when the bot last looked: the newest candidate
     * it has seen, and the sign-offs, blockers, roles, holds and tag runs it
     * stored. It reads no git, asks GitHub nothing and writes nothing, so
     * anyone may load it as often as they like. What it did not check keeps
     * the gate shut, never open: when a blocker names a fix commit the gate
     * says backports were not checked, and required CI checks count as not
     * read. ({@code status <release>} checks both.)
     */
    public Assessment assessStored(ReleaseName name) {
        return assessStored(name, null);
    }

    /**
     * {@link #assessStored(ReleaseName)}, with the gate's conditions naming members by {@code name}
     * (null: by their ids), e.g. by the display names a public view shows.
     */
    public Assessment assessStored(ReleaseName name, java.util.function.Function<MemberId, String> naming) {
        return store.read(tx -> {
            Release release = tx.releases().named(name.value());
            Candidate candidate = null;
            String problem = null;
            if (release.repos().isEmpty()) {
                problem = release.name() + " lists no repositories yet.";
            } else if (!release.state().isActive()) {
                candidate = taggedCandidate(tx, release);
                problem = candidate == null ? release.name() + " is " + release.state().label() + "." : null;
            } else {
                candidate = tx.candidates().history(name).stream().findFirst().orElse(null);
                problem = candidate == null ? "no candidate seen yet ('status " + name + "' reads the branch heads)." : null;
            }
            boolean active = release.state().isActive();
            String checksProblem = active && !release.policy().requiredChecks().isEmpty()
                    ? "they are not checked in this view ('status " + name + "' checks them)." : null;
            Assessment a = assemble(tx, release, candidate, problem, List.of(), null, List.of(), checksProblem,
                    naming == null ? MemberId::value : naming);
            boolean fixesToCheck = a.blockers().stream().anyMatch(b -> !b.waived() && !b.fixes().isEmpty());
            if (!active || !fixesToCheck) {
                return a;
            }
            List<String> unmet = new ArrayList<>(a.gate().unmet());
            unmet.add("Backports are not checked in this view ('status " + name + "' checks them).");
            return new Assessment(a.release(), a.candidate(), a.candidateProblem(), a.signOffs(), a.blockers(), a.holds(),
                    a.assignments(), a.missingBackports(), a.tagRuns(), new GateDecision(a.gate().candidateId(), unmet), a.checks(),
                    a.checksProblem(), a.sync(), a.checklist()).withForumReports(a.forumReports()).withBackports(a.backports());
        });
    }

    /**
     * Reads the branch heads of an active release and remembers the candidate
     * the first time it is seen (with a {@code candidate.seen} audit event).
     * Cheap next to {@link #assess}: it checks no backports.
     *
     * @throws Unavailable naming what could not be read
     */
    public Candidate observe(Release release, MemberId actor) {
        List<RepoHead> heads = candidates.heads(release.repos(), release.branch());
        Candidate seen = Candidate.of(release.name(), heads, clock.instant());
        return store.write(tx -> remember(tx, seen, actor));
    }

    /**
     * The gate over the store alone, for a candidate just read: sign-offs, blockers, holds, roles and tag runs count;
     * no backport is fetched and no CI check read (required checks are left out, so they are not judged). Cheap: an
     * open answer is worth confirming with {@link #assess}; a shut one is final.
     */
    public GateDecision storedGate(StoreTx tx, Release release, Candidate candidate) {
        Release withoutChecks = release.withPolicy(release.policy().with("required-checks", "none"));
        return assemble(tx, withoutChecks, candidate, null, List.of(), null, List.of(), null).gate();
    }

    /** The gate over the store as it is inside {@code tx}, for a candidate and CI check results already read. */
    public Assessment assemble(StoreTx tx, Release release, Candidate candidate, String problem,
                               List<MissingBackport> missing, MemberId tagger, List<CheckResult> checks, String checksProblem) {
        return assemble(tx, release, candidate, problem, missing, tagger, checks, checksProblem, MemberId::value);
    }

    private Assessment assemble(StoreTx tx, Release release, Candidate candidate, String problem, List<MissingBackport> missing,
                                MemberId tagger, List<CheckResult> checks, String checksProblem,
                                java.util.function.Function<MemberId, String> naming) {
        ReleaseName name = release.name();
        var signOffs = tx.signOffs().forRelease(name);
        var blockers = tx.blockers().forRelease(name);
        var holds = tx.holds().active(name);
        var assignments = tx.roles().assignments(name);
        var runs = tx.tagRuns().forRelease(name);
        MemberId wouldTag = tagger != null ? tagger
                : Rights.holders(tx, name, RoleName.TAGGER).stream().findFirst().orElse(null);
        var manualQa = new HashSet<>(Rights.holders(tx, name, RoleName.MANUAL_QA));
        var forumReports = tx.forum().reports(name);
        var checklist = checklists.of(tx, release);
        // a repository taken out of the release (release edit) takes its backports out of the gate too
        var backportQueue = new dev.btrbot.domain.BackportQueue(tx.backports().forRelease(name).stream()
                .filter(c -> release.repos().contains(c.pr().repo())).toList());
        var gate = Gate.evaluate(new GateInput(release, candidate, problem, signOffs, manualQa, blockers, missing, holds, wouldTag,
                checks, checksProblem, runs).at(clock.instant())
                .withForumReports(forumReports)
                .withNotesApproved(tx.notesApprovals().approvedCandidates(name))
                .withChecklist(checklist)
                .withBackports(backportQueue), naming);
        var sync = tx.syncState().find(name).orElse(null);
        return new Assessment(release, candidate, problem, signOffs, blockers, holds, assignments, missing, runs, gate, checks,
                checksProblem, sync, checklist).withForumReports(forumReports).withBackports(backportQueue);
    }

    private Candidate remember(StoreTx tx, Candidate seen, MemberId actor) {
        boolean isNew = tx.candidates().find(seen.release(), seen.id()).isEmpty();
        Candidate stored = tx.candidates().remember(seen);
        if (isNew) {
            tx.audit().record(seen.firstSeen(), actor, seen.release(), "candidate.seen",
                    "candidate " + seen.shortId() + ": " + String.join(", ", seen.heads().stream().map(RepoHead::toString).toList()));
        }
        return stored;
    }

    private static Candidate taggedCandidate(StoreTx tx, Release release) {
        return tx.tagRuns().forRelease(release.name()).stream()
                .filter(r -> r.kind() == TagRun.Kind.FINAL && r.state() == TagRun.State.SUCCEEDED).findFirst()
                .flatMap(r -> tx.candidates().find(release.name(), r.candidateId())).orElse(null);
    }

    private List<MissingBackport> missingBackports(Release release, List<Blocker> blockers) {
        Map<RepoRef, List<Blocker>> byRepo = new LinkedHashMap<>();
        for (Blocker b : blockers) {
            if (b.waived()) {
                continue;
            }
            for (Blocker.FixCommit f : b.fixes()) {
                byRepo.computeIfAbsent(f.repo(), r -> new ArrayList<>()).add(b);
            }
        }
        List<MissingBackport> missing = new ArrayList<>();
        for (var entry : byRepo.entrySet()) {
            RepoRef repo = entry.getKey();
            List<Sha> shas = entry.getValue().stream().flatMap(b -> b.fixes().stream()).filter(f -> f.repo().equals(repo))
                    .map(Blocker.FixCommit::sha).distinct().toList();
            Map<Sha, BackportCheck.Containment> found;
            String failure = null;
            try {
                found = backports.check(repo, release.branch(), shas);
            } catch (Unavailable e) {
                found = Map.of();
                failure = "could not be checked: " + e.getMessage();
            }
            for (Blocker b : entry.getValue().stream().distinct().toList()) {
                for (Blocker.FixCommit f : b.fixes()) {
                    if (!f.repo().equals(repo)) {
                        continue;
                    }
                    BackportCheck.Containment c = found.get(f.sha());
                    if (failure != null) {
                        missing.add(new MissingBackport(b.number(), b.title(), repo, f.sha(), failure));
                    } else if (c == null || c == BackportCheck.Containment.UNKNOWN_COMMIT) {
                        missing.add(new MissingBackport(b.number(), b.title(), repo, f.sha(), "is not a commit of " + repo.name()));
                    } else if (!c.present()) {
                        missing.add(new MissingBackport(b.number(), b.title(), repo, f.sha(), "is not on " + release.branch()));
                    }
                }
            }
        }
        return missing;
    }
}
