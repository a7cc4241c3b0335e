package dev.btrbot.core;

import dev.btrbot.core.port.StoreTx;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import java.time.Instant;

/**
 * One command being handled: who asked, when, and what they may do. The
 * ports a command uses come through its constructor, never through here.
 */
public record Call(MemberId actor, Instant now, Rights rights) {
    /** Records the action in the audit log, inside the caller's transaction. */
    public void audit(StoreTx tx, ReleaseName release, String action, String details) {
        tx.audit().record(now, actor, release, action, details);
    }
}
