package dev.btrbot.core.commands;

import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Text;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Calendar dates as people type them in commands: YYYY-MM-DD. */
final class Dates {
    private Dates() {
    }

    static LocalDate parse(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new Refusal("'" + Text.clip(s) + "' is not a date (YYYY-MM-DD).");
        }
    }
}
