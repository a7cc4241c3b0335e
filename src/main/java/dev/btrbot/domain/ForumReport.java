package dev.btrbot.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A thread on the community's forum that names a release (or sits in an install-problems category), as the bot
 * found it: one per release and thread; later posts in the thread count as its replies. Until someone triages it
 * (makes it a blocker, links it to one, or dismisses it with a reason) it counts like an untriaged blocker.
 *
 * @param number        what lists show, per release
 * @param foundAt       when the bot made the report: the triage SLA counts from it
 * @param triagedBy     who triaged it; null while untriaged
 * @param reason        why it was dismissed; null otherwise
 * @param blockerNumber the blocker it became or was linked to; null otherwise
 * @param issueUrl      the issue opened for it in the tracker; null when none
 */
public record ForumReport(ReleaseName release, int number, long topicId, String url, String title, String author,
                          Instant createdAt, String excerpt, Instant foundAt, State state, MemberId triagedBy,
                          Instant triagedAt, String reason, Integer blockerNumber, String issueUrl, int replies,
                          Instant lastReplyAt, String lastReplyBy) {
    public ForumReport {
        Objects.requireNonNull(release);
        Objects.requireNonNull(url);
        Objects.requireNonNull(title);
        Objects.requireNonNull(author);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(foundAt);
        Objects.requireNonNull(state);
        excerpt = excerpt == null ? "" : excerpt;
    }

    public enum State {
        UNTRIAGED, BLOCKER, LINKED, DISMISSED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static State parse(String label) {
            return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no forum report state " + label));
        }
    }

    public boolean untriaged() {
        return state == State.UNTRIAGED;
    }

    /** "Forum report #2", as messages name it. */
    public String label() {
        return "Forum report #" + number;
    }

    /** What it became, in a few words: "untriaged", "blocker #4", "linked to blocker #3", "dismissed: a duplicate". */
    public String outcome() {
        return switch (state) {
            case UNTRIAGED -> "untriaged";
            case BLOCKER -> "blocker #" + blockerNumber;
            case LINKED -> "linked to blocker #" + blockerNumber;
            case DISMISSED -> "dismissed: " + reason;
        };
    }
}
