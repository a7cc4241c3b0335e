package dev.btrbot.core.port;

import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.TagRun;
import java.time.Instant;
import java.util.List;

public interface TagRunRepo {
    /**
     * Records a run as running. The schema refuses a second running run for
     * the release and a second success for the same candidate and kind; this
     * throws a Refusal then.
     *
     * @param owner which process runs it (host:pid), so a crash can be told from a live run
     */
    TagRun start(ReleaseName release, String candidateId, TagRun.Kind kind, String tagName, MemberId requester,
                 Instant at, String owner);

    /** @return false when the run was no longer running (another process had marked it interrupted) */
    boolean finish(long runId, TagRun.State state, Integer exitCode, String output, Instant at);

    List<TagRun> forRelease(ReleaseName release);

    /** The run's process is alive: its lease is renewed. */
    void heartbeat(long runId, Instant at);

    /**
     * Marks as interrupted every running run whose owner is gone; returns them as they were.
     *
     * @param ownerGone given the owner (host:pid) and the last sign of life (heartbeat, or start)
     */
    List<TagRun> interruptOrphans(java.util.function.BiPredicate<String, Instant> ownerGone, Instant at);
}
