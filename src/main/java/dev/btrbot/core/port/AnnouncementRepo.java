package dev.btrbot.core.port;

import dev.btrbot.domain.ReleaseName;
import java.time.Instant;
import java.util.Optional;

public interface AnnouncementRepo {
    void save(ReleaseName release, long tagRunId, String text, Instant at);

    Optional<Announcement> latest(ReleaseName release);

    void markPosted(long id, Instant at);

    record Announcement(long id, ReleaseName release, long tagRunId, String text, Instant createdAt, Instant postedAt) {
    }
}
