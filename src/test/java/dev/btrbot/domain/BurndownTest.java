package dev.btrbot.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The burndown is rebuilt from what is on the record: blockers' own times and the audit log. */
class BurndownTest {
    static final ReleaseName KOA = new ReleaseName("koa.2");
    static final Instant CREATED = Instant.parse("2021-02-01T09:00:00Z");
    static final MemberId PIERRE = new MemberId("pierre");

    static Instant day(int d, int hour) {
        return Instant.parse(String.format("2021-02-%02dT%02d:00:00Z", d, hour));
    }

    static Blocker manual(int n, Priority p, boolean open, Instant added) {
        return new Blocker(KOA, n, "https://discuss.openedx.org/t/" + n, "thread " + n, p, null, Blocker.Origin.MANUAL, open,
                null, List.of(), added);
    }

    static Blocker synced(int n, Priority p, Instant added, Instant closed) {
        return new Blocker(KOA, n, "https://github.com/openedx/edx-platform/issues/" + n, "issue " + n, p, null,
                Blocker.Origin.GITHUB, closed == null, null, List.of(), added,
                new Blocker.Issue("openedx/edx-platform", n, List.of(), List.of(), added.minusSeconds(86_400 * 30), added, closed));
    }

    static AuditEvent event(Instant at, String action, String details) {
        return new AuditEvent(1, at, PIERRE, KOA, action, details);
    }

    @Test
    void aBlockerCountsFromWhenItWasAddedUntilTheDayItClosed() {
        List<Blocker> blockers = List.of(synced(1, Priority.HIGH, day(1, 10), day(3, 12)), manual(2, null, true, day(2, 8)),
                manual(3, Priority.LOW, false, day(2, 9)));
        List<AuditEvent> log = List.of(event(day(4, 15), "blocker.resolve", "#3 https://discuss.openedx.org/t/3"));

        Burndown b = Burndown.of(CREATED, LocalDate.of(2021, 2, 10), LocalDate.of(2021, 2, 5), blockers, log);

        assertThat(b.days()).extracting(Burndown.Day::total).containsExactly(1, 3, 2, 1, 1);
        assertThat(b.days().get(1).open()).isEqualTo(Map.of(Priority.HIGH, 1, Priority.LOW, 1));
        assertThat(b.days().get(1).untriaged()).isEqualTo(1);
        assertThat(b.days().get(4).untriaged()).isEqualTo(1);
        assertThat(b.days().get(0).date()).isEqualTo(LocalDate.of(2021, 2, 1));
        assertThat(b.target()).isEqualTo(LocalDate.of(2021, 2, 10));
        assertThat(b.peak()).isEqualTo(3);
    }

    @Test
    void aBlockerShowsUnderThePriorityItHadThatDay() {
        List<Blocker> blockers = List.of(manual(1, Priority.CRITICAL, true, day(1, 10)));
        List<AuditEvent> log = List.of(event(day(2, 10), "blocker.priority", "#1 untriaged → high"),
                event(day(3, 10), "blocker.priority", "#1 high → critical"));

        Burndown b = Burndown.of(CREATED, null, LocalDate.of(2021, 2, 3), blockers, log);

        assertThat(b.days().get(0).untriaged()).isEqualTo(1);
        assertThat(b.days().get(1).open()).isEqualTo(Map.of(Priority.HIGH, 1));
        assertThat(b.days().get(2).open()).isEqualTo(Map.of(Priority.CRITICAL, 1));
    }

    @Test
    void aWaivedBlockerStopsCountingWhenItWasWaived() {
        Blocker waived = new Blocker(KOA, 1, "https://discuss.openedx.org/t/1", "t", Priority.HIGH, null, Blocker.Origin.MANUAL,
                true, new Blocker.Waiver(PIERRE, "known issue", day(2, 18)), List.of(), day(1, 10));

        Burndown b = Burndown.of(CREATED, null, LocalDate.of(2021, 2, 3), List.of(waived), List.of());

        assertThat(b.days()).extracting(Burndown.Day::total).containsExactly(1, 0, 0);
    }

    @Test
    void candidateChangesRcTagsAndSignOffsAreMarkedOnTheirDays() {
        List<AuditEvent> log = List.of(
                event(day(1, 10), "candidate.seen", "candidate 3f2a1b0c9d: configuration@aaaa"),
                event(day(2, 10), "tag.rc.succeeded", "open-release/koa.2rc1 on candidate 3f2a1b0c9d: succeeded (exit 0)"),
                event(day(3, 10), "signoff.pass", "candidate 3f2a1b0c9d (open-release/koa.2rc1), env: docker"),
                event(day(3, 11), "hold", "waiting"));

        Burndown b = Burndown.of(CREATED, null, LocalDate.of(2021, 2, 3), List.of(), log);

        assertThat(b.markers()).containsExactly(
                new Burndown.Marker(LocalDate.of(2021, 2, 1), Burndown.MarkerKind.CANDIDATE, "3f2a1b0c9d", null),
                new Burndown.Marker(LocalDate.of(2021, 2, 2), Burndown.MarkerKind.RC_TAG, "open-release/koa.2rc1", null),
                new Burndown.Marker(LocalDate.of(2021, 2, 3), Burndown.MarkerKind.SIGN_OFF, "pass", PIERRE));
        assertThat(b.peak()).isEqualTo(1);
    }

    @Test
    void aClosedBlockerWithNoKnownCloseTimeIsNeverDrawnOpenForEver() {
        Burndown b = Burndown.of(CREATED, null, LocalDate.of(2021, 2, 3), List.of(manual(1, Priority.HIGH, false, day(1, 10))), List.of());

        assertThat(b.days()).extracting(Burndown.Day::total).containsExactly(0, 0, 0);
    }

    @Test
    void aLongReleaseShowsItsNewestDays() {
        Burndown b = Burndown.of(CREATED, null, LocalDate.of(2023, 1, 1), List.of(), List.of());

        assertThat(b.days()).hasSize(Burndown.MAX_DAYS);
        assertThat(b.days().get(b.days().size() - 1).date()).isEqualTo(LocalDate.of(2023, 1, 1));
    }
}
