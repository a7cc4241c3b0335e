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
 * @param forumReports    the release's forum reports (untriaged ones count like untriaged blockers)
 * @param notesApproved   the candidates whose release notes are approved (notes-approval before-tag)
 * @param checklist       the release's runbook checklist and who holds the roles that own its items
 * @param backports       the release's backport queue (changes asked for on the release branch)
 */
public record GateInput(Release release, Candidate candidate, String candidateProblem, List<SignOff> signOffs,
                        Set<MemberId> manualQa, List<Blocker> blockers, List<MissingBackport> missingBackports,
                        List<Hold> holds, MemberId tagger, List<CheckResult> checks, String checksProblem,
                        List<TagRun> tagRuns, java.time.Instant now, List<ForumReport> forumReports,
                        Set<String> notesApproved, Checklist checklist, BackportQueue backports) {
    public GateInput {
        tagRuns = List.copyOf(tagRuns);
        signOffs = List.copyOf(signOffs);
        manualQa = Set.copyOf(manualQa);
        blockers = List.copyOf(blockers);
        missingBackports = List.copyOf(missingBackports);
        holds = List.copyOf(holds);
        checks = List.copyOf(checks);
        forumReports = List.copyOf(forumReports);
        notesApproved = Set.copyOf(notesApproved);
        checklist = checklist == null ? Checklist.NONE : checklist;
        backports = backports == null ? BackportQueue.EMPTY : backports;
    }

    /** Without forum reports, notes approvals, checklist and backport queue (each added by its wither). */
    public GateInput(Release release, Candidate candidate, String candidateProblem, List<SignOff> signOffs,
                     Set<MemberId> manualQa, List<Blocker> blockers, List<MissingBackport> missingBackports,
                     List<Hold> holds, MemberId tagger, List<CheckResult> checks, String checksProblem,
                     List<TagRun> tagRuns, java.time.Instant now) {
        this(release, candidate, candidateProblem, signOffs, manualQa, blockers, missingBackports, holds, tagger, checks,
                checksProblem, tagRuns, now, List.of(), Set.of(), Checklist.NONE, BackportQueue.EMPTY);
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
                checks, checksProblem, tagRuns, when, forumReports, notesApproved, checklist, backports);
    }

    public GateInput withChecks(List<CheckResult> results, String problem) {
        return new GateInput(release, candidate, candidateProblem, signOffs, manualQa, blockers, missingBackports, holds, tagger,
                results, problem, tagRuns, now, forumReports, notesApproved, checklist, backports);
    }

    public GateInput withTagRuns(List<TagRun> runs) {
        return new GateInput(release, candidate, candidateProblem, signOffs, manualQa, blockers, missingBackports, holds, tagger,
                checks, checksProblem, runs, now, forumReports, notesApproved, checklist, backports);
    }

    public GateInput withForumReports(List<ForumReport> reports) {
        return new GateInput(release, candidate, candidateProblem, signOffs, manualQa, blockers, missingBackports, holds, tagger,
                checks, checksProblem, tagRuns, now, reports, notesApproved, checklist, backports);
    }

    public GateInput withNotesApproved(Set<String> candidateIds) {
        return new GateInput(release, candidate, candidateProblem, signOffs, manualQa, blockers, missingBackports, holds, tagger,
                checks, checksProblem, tagRuns, now, forumReports, candidateIds, checklist, backports);
    }

    public GateInput withChecklist(Checklist items) {
        return new GateInput(release, candidate, candidateProblem, signOffs, manualQa, blockers, missingBackports, holds, tagger,
                checks, checksProblem, tagRuns, now, forumReports, notesApproved, items, backports);
    }

    public GateInput withBackports(BackportQueue queue) {
        return new GateInput(release, candidate, candidateProblem, signOffs, manualQa, blockers, missingBackports, holds, tagger,
                checks, checksProblem, tagRuns, now, forumReports, notesApproved, checklist, queue);
    }
}
