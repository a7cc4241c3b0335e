package dev.btrbot.domain;

import java.util.List;
import java.util.Optional;

/**
 * Testers install release-candidate tags, so once a release has one, a
 * candidate can only be signed off when an rc marks it: otherwise what was
 * installed is not what would be tagged.
 */
public final class ReleaseCandidates {
    private ReleaseCandidates() {
    }

    /** The rc tags pushed so far, oldest first. */
    public static List<TagRun> pushed(List<TagRun> runs) {
        return runs.stream().filter(r -> r.kind() == TagRun.Kind.RC && r.state() == TagRun.State.SUCCEEDED).toList();
    }

    /** The newest rc that marks this candidate. */
    public static Optional<TagRun> marking(List<TagRun> runs, String candidateId) {
        return pushed(runs).stream().filter(r -> r.candidateId().equals(candidateId)).reduce((a, b) -> b);
    }

    /** A candidate may be signed off when no rc was ever pushed, or an rc marks it. */
    public static boolean signable(List<TagRun> runs, String candidateId) {
        return pushed(runs).isEmpty() || marking(runs, candidateId).isPresent();
    }
}
