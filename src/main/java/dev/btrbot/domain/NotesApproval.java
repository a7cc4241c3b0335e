package dev.btrbot.domain;

import java.util.Locale;

/** When a release's notes must have been approved for the current candidate, per the release's policy. */
public enum NotesApproval {
    /** The gate stays shut until the notes of the current candidate are approved. */
    BEFORE_TAG("before-tag"),
    /** Tagging may go ahead; the announcement waits for the approval. */
    BEFORE_ANNOUNCE("before-announce"),
    /** Nobody needs to approve the notes. */
    OFF("off");

    private final String label;

    NotesApproval(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static NotesApproval parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (NotesApproval n : values()) {
            if (n.label.equals(v)) {
                return n;
            }
        }
        throw new Refusal("notes-approval takes before-tag, before-announce or off, not '" + Text.clip(value) + "'.");
    }
}
