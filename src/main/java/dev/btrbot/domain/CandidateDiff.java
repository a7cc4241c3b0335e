package dev.btrbot.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What moved between two candidates of a release, one line per repository, in words a tester can act on. */
public final class CandidateDiff {
    private CandidateDiff() {
    }

    public static List<String> lines(Candidate older, Candidate newer) {
        List<String> lines = new ArrayList<>();
        for (RepoHead head : newer.heads()) {
            Optional<Sha> before = older.shaOf(head.repo());
            if (before.isEmpty()) {
                lines.add(head.repo().name() + ": added at " + head.sha().shortId());
            } else if (!before.get().equals(head.sha())) {
                lines.add(head.repo().name() + ": " + before.get().shortId() + " → " + head.sha().shortId());
            }
        }
        for (RepoHead head : older.heads()) {
            if (newer.shaOf(head.repo()).isEmpty()) {
                lines.add(head.repo().name() + ": no longer part of the release");
            }
        }
        return lines;
    }
}
