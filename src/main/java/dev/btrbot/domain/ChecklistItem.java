package dev.btrbot.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One step of a release's runbook checklist ("installed the rc with the native installation instructions"), owned by
 * a role: its holder (or a release manager) ticks it. {@code position} is its 1-based place in the list, the number
 * people may name it by; {@code tick} is null while the item is open.
 */
public record ChecklistItem(String id, String text, RoleName role, int position, Tick tick) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /** Long enough for a runbook step, short enough for one line of a summary. */
    public static final int MAX_TEXT = 200;
    /** As long as a hold's reason. */
    public static final int MAX_NOTE = 500;

    /** Who ticked the item, when, and what they noted (empty for nothing). */
    public record Tick(MemberId by, Instant at, String note) {
        public Tick {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
            note = note == null ? "" : note;
            if (note.length() > MAX_NOTE) {
                throw new Refusal("A checklist note has at most " + MAX_NOTE + " characters.");
            }
        }
    }

    public ChecklistItem {
        if (id == null || !ID.matcher(id).matches()) {
            throw new Refusal("'" + Text.clip(id) + "' is not a checklist item id (lower-case letters, digits and '-', up to 40).");
        }
        if (text == null || text.isBlank() || text.length() > MAX_TEXT || text.chars().anyMatch(Character::isISOControl)) {
            throw new Refusal("A checklist item's text is one line of 1 to " + MAX_TEXT + " characters, not '" + Text.clip(text) + "'.");
        }
        Objects.requireNonNull(role, "role");
        if (position < 1) {
            throw new IllegalArgumentException("positions start at 1");
        }
    }

    /** An open item. */
    public ChecklistItem(String id, String text, RoleName role, int position) {
        this(id, text, role, position, null);
    }

    public boolean open() {
        return tick == null;
    }

    public ChecklistItem ticked(Tick by) {
        return new ChecklistItem(id, text, role, position, by);
    }
}
