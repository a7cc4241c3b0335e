package dev.btrbot.adapter.store;

import dev.btrbot.core.port.ScheduleRepo;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseSchedule;
import java.time.LocalTime;
import java.time.ZoneId;
import org.jdbi.v3.core.Handle;

final class SqlSchedules implements ScheduleRepo {
    private final Handle h;

    SqlSchedules(Handle h) {
        this.h = h;
    }

    @Override
    public ReleaseSchedule of(ReleaseName release) {
        return h.createQuery("select * from release_schedule where release = :r").bind("r", release.value())
                .map((rs, ctx) -> new ReleaseSchedule(ZoneId.of(rs.getString("time_zone")), LocalTime.parse(rs.getString("summary_at")),
                        rs.getInt("skip_weekends") == 1))
                .findOne().orElse(ReleaseSchedule.DEFAULT);
    }

    @Override
    public void set(ReleaseName release, ReleaseSchedule schedule) {
        var s = schedule.asSettings();
        h.createUpdate("""
                        insert into release_schedule (release, time_zone, summary_at, skip_weekends) values (:r, :z, :t, :w)
                        on conflict (release) do update set time_zone = excluded.time_zone, summary_at = excluded.summary_at,
                            skip_weekends = excluded.skip_weekends""")
                .bind("r", release.value()).bind("z", s.get("timezone")).bind("t", s.get("summary-at"))
                .bind("w", schedule.skipWeekends() ? 1 : 0).execute();
    }
}
