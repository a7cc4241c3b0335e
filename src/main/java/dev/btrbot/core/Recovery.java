package dev.btrbot.core;

import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.TagRun;
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

    public static List<String> interruptOrphanedTagRuns(Services services, String host) {
        List<TagRun> orphans = services.store().write(tx -> {
            List<TagRun> found = tx.tagRuns().interruptOrphans(owner -> ownerGone(owner, host), services.clock().instant());
            for (TagRun run : found) {
                tx.audit().record(services.clock().instant(), BOT, run.release(), "tag." + run.kind().label() + ".interrupted",
                        run.tagName() + " on candidate " + run.candidateId().substring(0, 10) + " (started " + run.startedAt()
                                + " by " + run.requester() + ") was cut off; not re-run");
            }
            return found;
        });
        return orphans.stream().map(run -> "Tag run " + run.id() + " of " + run.release() + " (" + run.tagName()
                + ") was interrupted by a crash; it is not re-run. Check the repositories' tags, then run '"
                + (run.kind() == TagRun.Kind.FINAL ? "tag " + run.release() + " --confirm" : "candidate tag " + run.release())
                + "' again if needed.").toList();
    }

    /** An owner is {@code host:pid}; on this host it is gone when no such process lives. */
    static boolean ownerGone(String owner, String host) {
        int colon = owner.lastIndexOf(':');
        if (colon < 0 || !owner.substring(0, colon).equals(host)) {
            return false;
        }
        try {
            long pid = Long.parseLong(owner.substring(colon + 1));
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            return process.isEmpty() || !process.get().isAlive() || pid == ProcessHandle.current().pid();
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
