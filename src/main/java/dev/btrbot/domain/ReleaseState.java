package dev.btrbot.domain;

import java.util.Locale;

/** Where a release is: planning → testing → tagged → announced, or cancelled. */
public enum ReleaseState {
    PLANNING, TESTING, TAGGED, ANNOUNCED, CANCELLED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Still open for sign-offs, holds and a tag. */
    public boolean isActive() {
        return this == PLANNING || this == TESTING;
    }
}
