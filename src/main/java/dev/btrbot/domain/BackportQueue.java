package dev.btrbot.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A release's backport candidates, in the order people read them: pending first, oldest first; then those on the
 * branch; then the declined ones.
 */
public record BackportQueue(List<BackportCandidate> candidates) {
    public static final BackportQueue EMPTY = new BackportQueue(List.of());

    public BackportQueue {
        candidates = candidates.stream().sorted(Comparator.comparing((BackportCandidate c) -> c.state().ordinal())
                .thenComparing(BackportCandidate::since).thenComparing(c -> c.pr().shown())).toList();
    }

    public List<BackportCandidate> pending() {
        return candidates.stream().filter(BackportCandidate::pending).toList();
    }

    public List<BackportCandidate> in(BackportCandidate.State state) {
        return candidates.stream().filter(c -> c.state() == state).toList();
    }

    /** "3 backports pending, oldest openedx/configuration#6213 merged 21 days ago"; null when none is pending. */
    public String summary(Instant now) {
        List<BackportCandidate> pending = pending();
        if (pending.isEmpty()) {
            return null;
        }
        BackportCandidate oldest = pending.get(0);
        return Text.plural(pending.size(), "backport", "backports") + " pending, " + (pending.size() == 1 ? "" : "oldest ")
                + oldest.pr().shown() + " " + oldest.age(now);
    }
}
