package dev.btrbot.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A change merged to a repository's default branch since the release branch forked that asks to be on the release
 * branch (a backport label, a trailer). It is pending until it is on the release branch, or until a manager declines
 * it with a reason.
 *
 * @param author   who authored the change (the pull request's author on GitHub, else the commit's); null when unknown
 * @param mergedAt when it reached the default branch; null when unknown
 * @param foundBy  how it was found, in words ("label 'backport koa'", "trailer 'Backport-To: koa'")
 * @param landed   how it reached the release branch, when {@link State#ON_BRANCH}
 * @param decline  who declined it and why, when {@link State#DECLINED}
 */
public record BackportCandidate(ReleaseName release, PullRequestRef pr, String title, String author, Sha mergeSha,
                                Instant mergedAt, String foundBy, State state, Landed landed, Decline decline,
                                Instant firstSeen) {
    public BackportCandidate {
        Objects.requireNonNull(release);
        Objects.requireNonNull(pr);
        Objects.requireNonNull(mergeSha);
        Objects.requireNonNull(state);
        Objects.requireNonNull(firstSeen);
        title = title == null || title.isBlank() ? "(no title)" : Text.clip200(title);
        if (state == State.ON_BRANCH && landed == null || state == State.DECLINED && decline == null) {
            throw new IllegalArgumentException("a candidate on the branch says how, a declined one why");
        }
    }

    public enum State {
        PENDING("pending"), ON_BRANCH("on-branch"), DECLINED("declined");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static State of(String label) {
            for (State s : values()) {
                if (s.label.equals(label)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown backport state " + label);
        }
    }

    /** How a change reached the release branch: the rules of the blockers' backport check. */
    public enum Landed {
        ANCESTOR("ancestor", "its commit is on the branch"),
        CHERRY_PICKED("cherry-pick", "cherry-picked with -x"),
        SAME_PATCH("same-patch", "a commit with the same patch");

        private final String label;
        private final String words;

        Landed(String label, String words) {
            this.label = label;
            this.words = words;
        }

        public String label() {
            return label;
        }

        public String words() {
            return words;
        }

        public static Landed of(String label) {
            for (Landed l : values()) {
                if (l.label.equals(label)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown landing " + label);
        }
    }

    public record Decline(MemberId by, String reason, Instant at) {
        public Decline {
            Objects.requireNonNull(by);
            Objects.requireNonNull(reason);
            Objects.requireNonNull(at);
        }
    }

    public boolean pending() {
        return state == State.PENDING;
    }

    /** {@code openedx/configuration#6213 'Fix nginx …'}. */
    public String named() {
        String shortTitle = title.length() > 80 ? title.substring(0, 77) + "..." : title;
        return pr.shown() + " '" + shortTitle + "'";
    }

    public BackportCandidate landedBy(Landed how) {
        return new BackportCandidate(release, pr, title, author, mergeSha, mergedAt, foundBy, State.ON_BRANCH, how, null, firstSeen);
    }

    public BackportCandidate pendingAgain() {
        return new BackportCandidate(release, pr, title, author, mergeSha, mergedAt, foundBy, State.PENDING, null, null, firstSeen);
    }

    /** When it asked to be on the branch: merged, else first seen. */
    public Instant since() {
        return mergedAt != null ? mergedAt : firstSeen;
    }

    /** "merged 21 days ago" (or "first seen …" when the merge time is unknown). */
    public String age(Instant now) {
        long days = Math.max(0, Duration.between(since(), now).toDays());
        return (mergedAt != null ? "merged " : "first seen ") + (days == 0 ? "today" : Text.plural(days, "day", "days") + " ago");
    }
}
