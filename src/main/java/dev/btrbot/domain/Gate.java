package dev.btrbot.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The go/no-go rule. A release may be tagged only when a quorum of people
 * installed exactly the current candidate and passed it, nobody failed it, no
 * blocker at or above the blocking priority (or untriaged) is open, every fix
 * a blocker needs is on the release branch, every required CI check succeeded
 * on every sha of the candidate, every item of the release's checklist is
 * ticked (unless its policy says the checklist does not block), and nobody
 * holds the release.
 * Pure: it reads its input and nothing else.
 */
public final class Gate {
    private Gate() {
    }

    public static GateDecision evaluate(GateInput in) {
        return evaluate(in, MemberId::value);
    }

    /** @param name how members are called in the conditions (their id, or a display name in a public view) */
    public static GateDecision evaluate(GateInput in, java.util.function.Function<MemberId, String> name) {
        List<String> unmet = new ArrayList<>();
        Release release = in.release();
        QuorumPolicy policy = release.policy();
        if (!release.state().isActive()) {
            unmet.add(release.name() + " is " + release.state().label() + ": there is nothing to tag.");
        }
        Candidate candidate = in.candidate();
        if (candidate == null) {
            unmet.add("There is no candidate to tag: " + in.candidateProblem());
        } else {
            signOffConditions(in, candidate, policy, unmet, name);
        }
        blockerConditions(in, policy, unmet);
        forumReportConditions(in, policy, unmet);
        for (MissingBackport missing : in.missingBackports()) {
            unmet.add("Missing backport: " + missing.describe() + "; cherry-pick it (git cherry-pick -x) to " + release.branch() + ".");
        }
        backportQueueConditions(in, policy, unmet);
        if (candidate != null) {
            checkConditions(in, candidate, policy, unmet);
            soakCondition(in, candidate, policy, unmet);
            notesCondition(in, candidate, policy, unmet);
        }
        checklistCondition(in, policy, unmet, name);
        for (Hold hold : in.holds()) {
            unmet.add("On hold by " + name.apply(hold.member()) + ": " + hold.reason() + " (unhold " + release.name() + " lifts it).");
        }
        return new GateDecision(candidate == null ? null : candidate.id(), unmet);
    }

    private static void signOffConditions(GateInput in, Candidate candidate, QuorumPolicy policy, List<String> unmet,
                                          java.util.function.Function<MemberId, String> name) {
        String on = "on candidate " + candidate.shortId();
        List<SignOff> current = in.signOffs().stream().filter(s -> s.isOn(candidate)).toList();
        Set<MemberId> passers = current.stream().filter(s -> s.verdict() == Verdict.PASS).map(SignOff::member)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        int missingPasses = policy.passes() - passers.size();
        long qaPasses = passers.stream().filter(in.manualQa()::contains).count();
        long missingQa = policy.manualQaPasses() - qaPasses;
        if ((missingPasses > 0 || missingQa > 0) && !ReleaseCandidates.signable(in.tagRuns(), candidate.id())) {
            // testers install rc tags: with none on this candidate, nobody can sign it off until one is pushed
            List<TagRun> pushed = ReleaseCandidates.pushed(in.tagRuns());
            unmet.add("No release candidate marks candidate " + candidate.shortId() + ": the branch moved after "
                    + pushed.get(pushed.size() - 1).tagName() + ". Push a new one first (candidate tag " + in.release().name()
                    + "), then testers install it and sign off.");
        }
        if (missingPasses > 0) {
            unmet.add("Needs " + Text.plural(missingPasses, "more passing sign-off", "more passing sign-offs") + " " + on + ".");
        }
        if (missingQa > 0) {
            unmet.add("Needs " + Text.plural(missingQa, "more passing sign-off", "more passing sign-offs")
                    + " from manual-qa " + on + (in.manualQa().isEmpty() ? " (nobody holds manual-qa yet)." : "."));
        }
        for (SignOff fail : current) {
            if (fail.verdict() == Verdict.FAIL) {
                unmet.add(name.apply(fail.member()) + " failed the install " + on
                        + (fail.environment().isEmpty() ? "" : " (" + fail.environment() + ")")
                        + ": fix it and move the branch, or " + name.apply(fail.member()) + " signs off pass after re-testing.");
            }
        }
        MemberId tagger = in.tagger();
        if (tagger != null && !policy.taggerMayBeOnlyTester() && passers.equals(Set.of(tagger))) {
            unmet.add(name.apply(tagger) + " would tag and is the only passing tester: someone else must install and sign off.");
        }
    }

    /**
     * With a soak time, the final tag waits that long after the rc that marks the candidate (the one testers install
     * and sign off) was pushed, the way a vote stays open for a set time whatever the count.
     */
    private static void soakCondition(GateInput in, Candidate candidate, QuorumPolicy policy, List<String> unmet) {
        int hours = policy.minSoakHours();
        if (hours == 0) {
            return;
        }
        java.util.Optional<TagRun> rc = ReleaseCandidates.marking(in.tagRuns(), candidate.id());
        if (rc.isEmpty() || rc.get().endedAt() == null) {
            unmet.add("The policy asks " + hours + " h between a release candidate and the tag (min-soak-hours): push one on candidate "
                    + candidate.shortId() + " (candidate tag " + in.release().name() + ") and let it soak.");
            return;
        }
        java.time.Instant until = rc.get().endedAt().plus(java.time.Duration.ofHours(hours));
        if (in.now() == null || in.now().isBefore(until)) {
            String left = in.now() == null ? "" : " (" + Text.duration(java.time.Duration.between(in.now(), until)) + " from now)";
            unmet.add(rc.get().tagName() + " soaks until " + Text.time(until) + left + ": the policy asks " + hours
                    + " h between the release candidate and the tag (min-soak-hours).");
        }
    }

    /** With notes-approval before-tag, the release notes of exactly this candidate must have been approved. */
    private static void notesCondition(GateInput in, Candidate candidate, QuorumPolicy policy, List<String> unmet) {
        if (policy.notesApproval() == NotesApproval.BEFORE_TAG && !in.notesApproved().contains(candidate.id())) {
            unmet.add("Release notes for candidate " + candidate.shortId() + " are not approved: notes " + in.release().name()
                    + " approve (the notes-reviewer or a release manager; 'notes " + in.release().name() + "' shows them).");
        }
    }

    /** With {@code checklist-blocks} (the default), each open item of the release's checklist keeps the gate shut. */
    private static void checklistCondition(GateInput in, QuorumPolicy policy, List<String> unmet,
                                           java.util.function.Function<MemberId, String> name) {
        if (!policy.checklistBlocks()) {
            return;
        }
        for (ChecklistItem item : in.checklist().open()) {
            List<MemberId> holders = in.checklist().holdersOf(item.role());
            String who = holders.isEmpty() ? "nobody yet" : String.join(", ", holders.stream().map(name).toList());
            unmet.add("Checklist: '" + item.text() + "' is open (" + item.role() + ": " + who + ") — check " + in.release().name()
                    + " " + item.id());
        }
    }

    /** Each required check must have a success on each head; a check that never reported counts as missing. */
    private static void checkConditions(GateInput in, Candidate candidate, QuorumPolicy policy, List<String> unmet) {
        if (policy.requiredChecks().isEmpty()) {
            return;
        }
        if (in.checksProblem() != null) {
            unmet.add("Required checks (" + String.join(", ", policy.requiredChecks()) + ") could not be read: " + in.checksProblem());
            return;
        }
        for (RepoHead head : candidate.heads()) {
            for (String name : policy.requiredChecks()) {
                CheckResult result = in.checks().stream()
                        .filter(c -> c.repo().equals(head.repo()) && c.sha().equals(head.sha()) && c.name().equals(name))
                        .findFirst().orElse(new CheckResult(head.repo(), head.sha(), name, CheckResult.State.MISSING, null));
                if (!result.succeeded()) {
                    unmet.add(result.describe() + ".");
                }
            }
        }
    }

    /** An untriaged forum report counts like an untriaged blocker: it shuts the gate when untriaged blockers do. */
    private static void forumReportConditions(GateInput in, QuorumPolicy policy, List<String> unmet) {
        if (!policy.untriagedBlocks()) {
            return;
        }
        for (ForumReport r : in.forumReports()) {
            if (r.untriaged()) {
                unmet.add(r.label() + " is untriaged: " + r.title() + " (forum blocker, forum link or forum dismiss "
                        + in.release().name() + " " + r.number() + ").");
            }
        }
    }

    /**
     * With {@code backports-block}, each pending backport candidate keeps the gate shut, named with its pull request;
     * one a blocker's fix already names as a missing backport is not said twice.
     */
    private static void backportQueueConditions(GateInput in, QuorumPolicy policy, List<String> unmet) {
        Release release = in.release();
        if (!policy.backportsBlock() || !release.state().isActive()) {
            return;
        }
        for (BackportCandidate c : in.backports().pending()) {
            boolean saidAlready = in.missingBackports().stream().anyMatch(m -> m.repo().equals(c.pr().repo()) && m.fix().equals(c.mergeSha()));
            if (!saidAlready) {
                String pr = c.pr().argument(release.repos().size());
                unmet.add("Backport pending: " + c.named() + " is not on " + release.branch() + "; cherry-pick it (backport "
                        + release.name() + " " + pr + ") or decline it (backport " + release.name() + " decline " + pr + " <reason>).");
            }
        }
    }

    private static void blockerConditions(GateInput in, QuorumPolicy policy, List<String> unmet) {
        for (Blocker b : in.blockers()) {
            if (!b.counts()) {
                continue;
            }
            if (b.untriaged()) {
                if (policy.untriagedBlocks()) {
                    unmet.add("Blocker #" + b.number() + " is untriaged: " + b.title()
                            + " (give it a priority, resolve it, or waive it).");
                }
            } else if (b.priority().atLeast(policy.blockingPriority())) {
                unmet.add("Blocker #" + b.number() + " (" + b.priority().label() + ") is open: " + b.title() + ".");
            }
        }
    }
}
