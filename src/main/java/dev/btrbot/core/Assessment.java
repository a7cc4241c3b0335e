package dev.btrbot.core;

import dev.btrbot.domain.Assignment;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.GateDecision;
import dev.btrbot.domain.Hold;
import dev.btrbot.domain.MissingBackport;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.SignOff;
import dev.btrbot.domain.TagRun;
import java.util.List;
import java.util.Optional;

/**
 * Where a release stands right now: its current candidate (null with a
 * {@code candidateProblem} when it could not be read), everything the gate
 * looked at, and the gate's decision. {@code checks} are the CI results of the
 * release's required checks ({@code checksProblem} when they could not be
 * read); {@code sync} is when blockers were last refreshed from GitHub, null
 * when never; {@code forumReports} are the release's reports from the forum watch. {@code checklist} is the
 * release's runbook checklist with the holders of the roles that own its items.
 * {@code backports} is the release's backport queue as stored.
 */
public record Assessment(Release release, Candidate candidate, String candidateProblem, List<SignOff> signOffs,
                         List<Blocker> blockers, List<Hold> holds, List<Assignment> assignments,
                         List<MissingBackport> missingBackports, List<TagRun> tagRuns, GateDecision gate,
                         List<dev.btrbot.domain.CheckResult> checks, String checksProblem,
                         dev.btrbot.core.port.SyncStateRepo.SyncState sync, dev.btrbot.domain.Checklist checklist,
                         List<dev.btrbot.domain.ForumReport> forumReports, dev.btrbot.domain.BackportQueue backports) {
    public Assessment {
        forumReports = List.copyOf(forumReports);
        backports = backports == null ? dev.btrbot.domain.BackportQueue.EMPTY : backports;
    }

    /** Without forum reports and a backport queue. */
    public Assessment(Release release, Candidate candidate, String candidateProblem, List<SignOff> signOffs,
                      List<Blocker> blockers, List<Hold> holds, List<Assignment> assignments,
                      List<MissingBackport> missingBackports, List<TagRun> tagRuns, GateDecision gate,
                      List<dev.btrbot.domain.CheckResult> checks, String checksProblem,
                      dev.btrbot.core.port.SyncStateRepo.SyncState sync, dev.btrbot.domain.Checklist checklist) {
        this(release, candidate, candidateProblem, signOffs, blockers, holds, assignments, missingBackports, tagRuns, gate, checks,
                checksProblem, sync, checklist, List.of(), dev.btrbot.domain.BackportQueue.EMPTY);
    }

    public Assessment withForumReports(List<dev.btrbot.domain.ForumReport> reports) {
        return new Assessment(release, candidate, candidateProblem, signOffs, blockers, holds, assignments, missingBackports, tagRuns,
                gate, checks, checksProblem, sync, checklist, reports, backports);
    }

    public Assessment withBackports(dev.btrbot.domain.BackportQueue queue) {
        return new Assessment(release, candidate, candidateProblem, signOffs, blockers, holds, assignments, missingBackports, tagRuns,
                gate, checks, checksProblem, sync, checklist, forumReports, queue);
    }

    public List<SignOff> currentSignOffs() {
        return signOffs.stream().filter(s -> s.isOn(candidate)).toList();
    }

    public List<SignOff> staleSignOffs() {
        return signOffs.stream().filter(s -> !s.isOn(candidate)).toList();
    }

    /** True when sign-offs exist and the newest one is on an older candidate: the branch moved since. */
    public boolean changedSinceLastSignOff() {
        return !signOffs.isEmpty() && candidate != null && !signOffs.get(signOffs.size() - 1).isOn(candidate);
    }

    /** The release-candidate tag that marks the current candidate, if one was pushed. */
    public Optional<String> rcTag() {
        return candidate == null ? Optional.empty()
                : dev.btrbot.domain.ReleaseCandidates.marking(tagRuns, candidate.id()).map(TagRun::tagName);
    }

    public Optional<TagRun> finalTag() {
        return tagRuns.stream().filter(r -> r.kind() == TagRun.Kind.FINAL && r.state() == TagRun.State.SUCCEEDED).findFirst();
    }
}
