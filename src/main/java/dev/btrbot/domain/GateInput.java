package dev.btrbot.domain;

import java.util.List;
import java.util.Set;

/**
 * Everything the gate looks at, gathered by the caller.
 *
 * @param candidate       the current candidate, or null when it could not be read
 * @param candidateProblem why there is no candidate, when {@code candidate} is null
 * @param manualQa        members holding the manual-qa role (accepted) for this release
 * @param tagger          who would run the tag; null when nobody asks yet
 * @param checks          what CI reported for the policy's required checks on the candidate's shas
 * @param checksProblem   why the checks could not be read, or null
 * @param tagRuns         the release's tag runs, to tell whether an rc marks the candidate testers must install
 * @param now             when the gate is asked, for the policy's soak time; null: unknown (a soak then keeps it shut)
 * @param backports       the release's backport queue (changes asked for on the release branch)
 */
public record GateInput(Release release, Candidate candidate, String candidateProblem, List<SignOff> signOffs,
                        Set<MemberId> manualQa, List<Blocker> blockers, List<MissingBackport> missingBackports,
                        List<Hold> holds, MemberId tagger, List<CheckResult> checks, String checksProblem,
                        List<TagRun> tagRuns, java.time.Instant now, BackportQueue backports) {
    public GateInput {
        tagRuns = List.copyOf(tagRuns);
        signOffs = List.copyOf(signOffs);
        manualQa = Set.copyOf(manualQa);
        blockers = List.copyOf(blockers);
        missingBackports = List.copyOf(missingBackports);
        holds = List.copyOf(holds);
        checks = List.copyOf(checks);
        backports = backports == null ? BackportQueue.EMPTY : backports;
    }

    /** Without a backport queue. */
    public GateInput(Release release, Candidate candidate, String candidateProblem, List<SignOff> signOffs,
                     Set<MemberId> manualQa, List<Blocker> blockers, List<MissingBackport> missingBackports,
                     List<Hold> holds, MemberId tagger, List<CheckResult> checks, String checksProblem,
                     List<TagRun> tagRuns, java.time.Instant now) {
        this(release, candidate, candidateProblem, signOffs, manualQa, blockers, missingBackports, holds, tagger, checks,
                checksProblem, tagRuns, now, BackportQueue.EMPTY);
    }

    /** Without CI check results (a release that names no required checks). */
    public GateInput(Release release, Candidate candidate, String candidateProblem, List<SignOff> signOffs,
                     Set<MemberId> manualQa, List<Blocker> blockers, List<MissingBackport> missingBackports,
                     List<Hold> holds, MemberId tagger) {
        this(release, candidate, candidateProblem, signOffs, manualQa, blockers, missingBackports, holds, tagger, List.of(), null,
                List.of(), null);
    }

    /** Without the time of asking (a release without a soak time). */
    public GateInput(Release release, Candidate candidate, String candidateProblem, List<SignOff> signOffs,
                     Set<MemberId> manualQa, List<Blocker> blockers, List<MissingBackport> missingBackports,
                     List<Hold> holds, MemberId tagger, List<CheckResult> checks, String checksProblem, List<TagRun> tagRuns) {
        this(release, candidate, candidateProblem, signOffs, manualQa, blockers, missingBackports, holds, tagger, checks,
                checksProblem, tagRuns, null);
    }

    public GateInput at(java.time.Instant when) {
        return new GateInput(release, candidate, candidateProblem, signOffs, manualQa, blockers, missingBackports, holds, tagger,
                checks, checksProblem, tagRuns, when, backports);
    }

    public GateInput withChecks(List<CheckResult> results, String problem) {
        return new GateInput(release, candidate, candidateProblem, signOffs, manualQa, blockers, missingBackports, holds, tagger,
                results, problem, tagRuns, now, backports);
    }

    public GateInput withTagRuns(List<TagRun> runs) {
        return new GateInput(release, candidate, candidateProblem, signOffs, manualQa, blockers, missingBackports, holds, tagger,
                checks, checksProblem, runs, now, backports);
    }

    public GateInput withBackports(BackportQueue queue) {
        return new GateInput(release, candidate, candidateProblem, signOffs, manualQa, blockers, missingBackports, holds, tagger,
                checks, checksProblem, tagRuns, now, queue);
    }
}
