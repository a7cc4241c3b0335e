package dev.btrbot.core.port;

import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseSchedule;

/** Per-release schedule settings; a release never configured has {@link ReleaseSchedule#DEFAULT}. */
public interface ScheduleRepo {
    ReleaseSchedule of(ReleaseName release);

    void set(ReleaseName release, ReleaseSchedule schedule);
}
