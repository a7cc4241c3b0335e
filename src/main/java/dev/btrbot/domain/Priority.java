package dev.btrbot.domain;

import java.util.Locale;

/** How much a blocker matters, most severe first. A blocker without one is untriaged. */
public enum Priority {
    CRITICAL, HIGH, MEDIUM, LOW;

    public static Priority parse(String s) {
        if (s != null) {
            for (Priority p : values()) {
                if (p.label().equals(s.toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
        }
        throw new Refusal("'" + Text.clip(s) + "' is not a priority (critical, high, medium or low).");
    }

    /** True when this priority is at least as severe as {@code other}. */
    public boolean atLeast(Priority other) {
        return ordinal() <= other.ordinal();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
