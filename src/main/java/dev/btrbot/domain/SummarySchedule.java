package dev.btrbot.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Which daily summary is due at an instant. The slot is the release's local
 * calendar date, so it exists once per local day whatever the clocks do: on
 * a spring-forward day a time inside the gap is due at the first valid
 * instant after it (02:30 becomes 03:30), on a fall-back day a time that
 * occurs twice is due at its first occurrence. Only today's slot is ever
 * due: after downtime of several days the bot posts one late summary, not one
 * per missed day.
 */
public final class SummarySchedule {
    private SummarySchedule() {
    }

    /** A day's summary and the instant it falls due. */
    public record Slot(LocalDate day, Instant due) {
        /** The claim key: one summary per release per local date. */
        public String key() {
            return day.toString();
        }
    }

    /** Today's slot (in the schedule's zone) once its time has come; empty before it and on skipped weekend days. */
    public static Optional<Slot> slotFor(ReleaseSchedule schedule, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, schedule.zone());
        if (schedule.skipWeekends() && (today.getDayOfWeek() == DayOfWeek.SATURDAY || today.getDayOfWeek() == DayOfWeek.SUNDAY)) {
            return Optional.empty();
        }
        Instant due = ZonedDateTime.of(today, schedule.summaryAt(), schedule.zone()).toInstant();
        return now.isBefore(due) ? Optional.empty() : Optional.of(new Slot(today, due));
    }
}
