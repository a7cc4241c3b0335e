package dev.btrbot.core;

import dev.btrbot.domain.ReleaseName;
import java.util.Objects;

/**
 * The name of one message the bot sends on its own: which release, what kind
 * of message, and which occurrence of it (a day, an assignment, a blocker, a
 * candidate). Its claim in {@code scheduled_post} (the columns kind and slot
 * hold {@link Kind#stored} and {@link #slot}) decides who sends it, and
 * whether it reached the chat.
 */
public record PostKey(ReleaseName release, Kind kind, String slot) {
    /** What kind of message; {@link #stored} is the text kept in the store (the same since the first release). */
    public enum Kind {
        SUMMARY("summary"),
        ROLE_OFFER("role-offer"),
        ROLE_REMINDER("role-reminder"),
        ROLE_EXPIRY("role-expiry"),
        ROLE_NOTE("role-note"),
        TRIAGE_1X("triage-1x"),
        TRIAGE_2X("triage-2x"),
        CANDIDATE_CHANGE("candidate-change"),
        GATE_OPEN("gate-open"),
        FORUM_REPORT("forum-report"),
        FORUM_TRIAGE_1X("forum-triage-1x"),
        FORUM_TRIAGE_2X("forum-triage-2x"),
        NOTES_DRAFT("notes-draft"),
        BACKPORT_CONFLICT("backport-conflict");

        public final String stored;

        Kind(String stored) {
            this.stored = stored;
        }
    }

    public PostKey {
        Objects.requireNonNull(release);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(slot);
    }

    public PostKey(ReleaseName release, Kind kind, long slot) {
        this(release, kind, Long.toString(slot));
    }

    @Override
    public String toString() {
        return release + "/" + kind.stored + "/" + slot;
    }
}
