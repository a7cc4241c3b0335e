package dev.btrbot.domain;

import java.time.Instant;

/** One decision on the record: who did what, when, on which release. {@code release} is null for global actions. */
public record AuditEvent(long id, Instant at, MemberId actor, ReleaseName release, String action, String details) {
}
