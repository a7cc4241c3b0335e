package dev.btrbot.domain;

import java.time.LocalDate;

/** A member is unavailable for roles from {@code from} to {@code to}, both inclusive. */
public record AwayPeriod(MemberId member, LocalDate from, LocalDate to) {
    public AwayPeriod {
        if (to.isBefore(from)) {
            throw new Refusal("The away period ends (" + to + ") before it starts (" + from + ").");
        }
    }

    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
