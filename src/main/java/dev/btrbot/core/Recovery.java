package dev.btrbot.core;

import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.TagRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * At start-up, a tag run still recorded as running whose process is gone was
 * cut off by a crash. It is marked interrupted and reported, never re-run:
 * a person checks the repositories and decides.
 */
public final class Recovery {
    static final MemberId BOT = new MemberId("btr-bot");

    private Recovery() {
    }

    /** How long a running tag run may go without a heartbeat before it counts as cut off, on any host. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    /** How often a running tag run renews its lease. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(20);

    /** At start-up: runs of this host whose process is gone, and runs anywhere whose lease expired. */
    public static List<String> interruptOrphanedTagRuns(Services services, String host) {
        return interrupt(services, host, true);
    }

    /**
     * While running: only runs whose lease expired (or whose process on this
     * host is gone). A run of this very process is never taken for an orphan.
     */
    public static List<String> interruptExpiredTagRuns(Services services) {
        String id = services.processId();
        return interrupt(services, id.substring(0, Math.max(0, id.lastIndexOf(':'))), false);
    }

    private static List<String> interrupt(Services services, String host, boolean atStartup) {
        Instant now = services.clock().instant();
        List<TagRun> orphans = services.store().write(tx -> {
            List<TagRun> found = tx.tagRuns().interruptOrphans(
                    (owner, lastSign) -> lastSign.plus(LEASE).isBefore(now) || processGone(owner, host, atStartup), now);
            for (TagRun run : found) {
                tx.audit().record(now, BOT, run.release(), "tag." + run.kind().label() + ".interrupted",
                        run.tagName() + " on candidate " + run.candidateId().substring(0, 10) + " (started " + dev.btrbot.domain.Text.time(run.startedAt())
                                + " by " + run.requester() + ") was cut off; not re-run");
            }
            return found;
        });
        return orphans.stream().map(run -> "Tag run " + run.id() + " of " + run.release() + " (" + run.tagName()
                + ") was interrupted by a crash; it is not re-run. Check the repositories' tags, then run '"
                + (run.kind() == TagRun.Kind.FINAL ? "tag " + run.release() + " --confirm" : "candidate tag " + run.release())
                + "' again if needed.").toList();
    }

    /**
     * An owner is {@code host:pid}; on this host it is gone when no such process
     * lives. At start-up a run recorded with this process's own pid is from an
     * earlier process that had the same pid.
     */
    static boolean processGone(String owner, String host, boolean atStartup) {
        int colon = owner.lastIndexOf(':');
        if (colon < 0 || !owner.substring(0, colon).equals(host)) {
            return false;
        }
        try {
            long pid = Long.parseLong(owner.substring(colon + 1));
            if (pid == ProcessHandle.current().pid()) {
                return atStartup;
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            return process.isEmpty() || !process.get().isAlive();
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
