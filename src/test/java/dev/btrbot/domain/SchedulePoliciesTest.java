package dev.btrbot.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchedulePoliciesTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static ReleaseSchedule at(ZoneId zone, String time) {
        return new ReleaseSchedule(zone, LocalTime.parse(time), false);
    }

    @Test
    void theSummaryIsDueFromItsLocalTimeUntilTheEndOfThatLocalDay() {
        ReleaseSchedule s = at(PARIS, "09:00");
        assertThat(SummarySchedule.slotFor(s, Instant.parse("2021-02-03T07:59:00Z"))).isEmpty();
        var slot = SummarySchedule.slotFor(s, Instant.parse("2021-02-03T08:00:00Z")).orElseThrow();
        assertThat(slot.day()).isEqualTo(LocalDate.of(2021, 2, 3));
        assertThat(slot.due()).isEqualTo(Instant.parse("2021-02-03T08:00:00Z"));
        assertThat(SummarySchedule.slotFor(s, Instant.parse("2021-02-03T22:59:00Z")).orElseThrow().day())
                .isEqualTo(LocalDate.of(2021, 2, 3));
        assertThat(SummarySchedule.slotFor(s, Instant.parse("2021-02-03T23:00:00Z"))).isEmpty(); // 00:00 on the 4th in Paris
    }

    @Test
    void onlyTodaysSlotIsEverDueSoDowntimeGivesOneLatePost() {
        ReleaseSchedule s = at(ZoneId.of("UTC"), "09:00");
        var slot = SummarySchedule.slotFor(s, Instant.parse("2021-02-06T15:00:00Z")).orElseThrow();
        assertThat(slot.day()).isEqualTo(LocalDate.of(2021, 2, 6));
        assertThat(slot.key()).isEqualTo("2021-02-06");
    }

    @Test
    void aTimeInsideTheSpringForwardGapIsDueOnceAtTheFirstValidInstant() {
        // Paris 2021-03-28: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist that day
        ReleaseSchedule s = at(PARIS, "02:30");
        assertThat(SummarySchedule.slotFor(s, Instant.parse("2021-03-28T00:59:00Z"))).isEmpty();
        var slot = SummarySchedule.slotFor(s, Instant.parse("2021-03-28T01:30:00Z")).orElseThrow();
        assertThat(slot.due()).isEqualTo(Instant.parse("2021-03-28T01:30:00Z")); // 03:30 CEST
        assertThat(slot.day()).isEqualTo(LocalDate.of(2021, 3, 28));
    }

    @Test
    void aTimeThatOccursTwiceOnTheFallBackDayIsDueAtItsFirstOccurrenceAndKeepsOneSlot() {
        // New York 2021-11-07: 02:00 EDT falls back to 01:00 EST; 01:30 happens twice
        ReleaseSchedule s = at(NEW_YORK, "01:30");
        var first = SummarySchedule.slotFor(s, Instant.parse("2021-11-07T05:30:00Z")).orElseThrow(); // 01:30 EDT
        var second = SummarySchedule.slotFor(s, Instant.parse("2021-11-07T06:30:00Z")).orElseThrow(); // 01:30 EST
        assertThat(first.due()).isEqualTo(Instant.parse("2021-11-07T05:30:00Z"));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void weekendsHaveNoSlotWhenSkipped() {
        ReleaseSchedule s = new ReleaseSchedule(ZoneId.of("UTC"), LocalTime.of(9, 0), true);
        assertThat(SummarySchedule.slotFor(s, Instant.parse("2021-02-06T10:00:00Z"))).isEmpty(); // Saturday
        assertThat(SummarySchedule.slotFor(s, Instant.parse("2021-02-07T10:00:00Z"))).isEmpty(); // Sunday
        assertThat(SummarySchedule.slotFor(s, Instant.parse("2021-02-08T10:00:00Z"))).isPresent(); // Monday
    }

    @Test
    void badZonesTimesAndKeysAreRefusedInOneLine() {
        for (String bad : List.of("Mars/Olympus", "", "+25:00")) {
            assertThatThrownBy(() -> ReleaseSchedule.zone(bad)).isInstanceOf(Refusal.class).hasMessageContaining("is not a time zone")
                    .hasMessageNotContaining("\n");
        }
        for (String bad : List.of("9:00", "24:00", "09:60", "0900", "09:00:00", "nine")) {
            assertThatThrownBy(() -> ReleaseSchedule.time(bad)).isInstanceOf(Refusal.class).hasMessageContaining("is not a time of day");
        }
        assertThatThrownBy(() -> ReleaseSchedule.DEFAULT.with("colour", "red")).isInstanceOf(Refusal.class)
                .hasMessageContaining("not a schedule setting");
        assertThatThrownBy(() -> ReleaseSchedule.DEFAULT.with("skip-weekends", "maybe")).isInstanceOf(Refusal.class);
        assertThat(ReleaseSchedule.DEFAULT.with("timezone", "Europe/Paris").with("summary-at", "07:30").asSettings())
                .containsEntry("timezone", "Europe/Paris").containsEntry("summary-at", "07:30").containsEntry("skip-weekends", "false");
    }

    @Test
    void anOfferIsRemindedFromHalfwayAndExpiresAtItsDeadline() {
        Instant offered = Instant.parse("2021-02-01T09:00:00Z");
        Instant deadline = offered.plus(Duration.ofHours(48));
        assertThat(Deadlines.halfway(offered, deadline)).isEqualTo(Instant.parse("2021-02-02T09:00:00Z"));
        assertThat(Deadlines.reminderDue(offered, deadline, Instant.parse("2021-02-02T08:59:00Z"))).isFalse();
        assertThat(Deadlines.reminderDue(offered, deadline, Instant.parse("2021-02-02T09:00:00Z"))).isTrue();
        assertThat(Deadlines.reminderDue(offered, deadline, deadline)).isFalse();
        assertThat(Deadlines.expired(deadline, deadline)).isTrue();
        assertThat(Deadlines.expired(null, deadline)).isFalse();
    }

    @Test
    void onlyAnOpenUntriagedBlockerGrowsOverdueAtOnceAndTwiceTheSla() {
        ReleaseName koa = new ReleaseName("koa.2");
        Instant added = Instant.parse("2021-02-01T12:00:00Z");
        Blocker untriaged = new Blocker(koa, 1, "https://x/1", "t", null, null, Blocker.Origin.MANUAL, true, null, List.of(), added);
        Duration sla = Duration.ofHours(24);
        ZoneId utc = ZoneId.of("UTC");
        assertThat(TriageSla.level(untriaged, utc, sla, added.plus(Duration.ofHours(23)))).isEqualTo(TriageSla.Level.WITHIN);
        assertThat(TriageSla.level(untriaged, utc, sla, added.plus(Duration.ofHours(24)))).isEqualTo(TriageSla.Level.OVERDUE);
        assertThat(TriageSla.level(untriaged, utc, sla, added.plus(Duration.ofHours(48)))).isEqualTo(TriageSla.Level.TWICE_OVERDUE);
        Blocker reported = new Blocker(koa, 2, "https://x/2", "t", null, LocalDate.of(2021, 1, 30), Blocker.Origin.MANUAL,
                true, null, List.of(), added);
        assertThat(TriageSla.level(reported, utc, sla, added)).isEqualTo(TriageSla.Level.TWICE_OVERDUE);
        Blocker triaged = new Blocker(koa, 3, "https://x/3", "t", Priority.HIGH, null, Blocker.Origin.MANUAL, true, null,
                List.of(), added);
        assertThat(TriageSla.level(triaged, utc, sla, added.plus(Duration.ofDays(9)))).isEqualTo(TriageSla.Level.WITHIN);
        Blocker closed = new Blocker(koa, 4, "https://x/4", "t", null, null, Blocker.Origin.MANUAL, false, null, List.of(), added);
        assertThat(TriageSla.level(closed, utc, sla, added.plus(Duration.ofDays(9)))).isEqualTo(TriageSla.Level.WITHIN);
        assertThat(Optional.of(TriageSla.since(reported, ZoneId.of("Europe/Paris"))))
                .contains(Instant.parse("2021-01-29T23:00:00Z"));
    }
}
