package dev.btrbot.core.port;

import dev.btrbot.domain.AuditEvent;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import java.time.Instant;
import java.util.List;

/** Append-only: there is no way to change or remove an event. */
public interface AuditLog {
    void record(Instant at, MemberId actor, ReleaseName release, String action, String details);

    List<AuditEvent> forRelease(ReleaseName release);

    List<AuditEvent> global();

    /** When {@code actor}'s events since {@code since} (about a second's leeway earlier) were recorded: what a rate limit counts. */
    List<Instant> times(MemberId actor, Instant since);
}
