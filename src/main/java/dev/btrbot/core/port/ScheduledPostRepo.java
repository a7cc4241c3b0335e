package dev.btrbot.core.port;

import dev.btrbot.domain.ReleaseName;
import java.time.Instant;

/**
 * Claims on scheduled messages, one per (release, kind, slot). The schema's
 * unique key decides between racing claimers, across threads and processes.
 */
public interface ScheduledPostRepo {
    /** @return true when this call took the slot; false when anyone (this process included) had it already */
    boolean claim(ReleaseName release, String kind, String slot, String owner, Instant at);

    boolean claimed(ReleaseName release, String kind, String slot);

    /** Claims older than {@code before} whose message never reached the chat platform (a crash or a chat outage). */
    java.util.List<Undelivered> undelivered(ReleaseName release, Instant before);

    record Undelivered(String kind, String slot, Instant claimedAt) {
    }

    /** Records that the claimed message reached the chat platform. */
    void markSent(ReleaseName release, String kind, String slot, Instant at);
}
