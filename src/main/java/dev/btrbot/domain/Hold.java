package dev.btrbot.domain;

import java.time.Instant;

/** Anyone may stop a release with a reason; it stays shut until the holder or a release manager lifts it. */
public record Hold(long id, ReleaseName release, MemberId member, String reason, Instant at) {
}
