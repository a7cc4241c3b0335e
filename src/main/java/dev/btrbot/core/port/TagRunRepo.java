package dev.btrbot.core.port;

import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.TagCheck;
import dev.btrbot.domain.TagRun;
import java.time.Instant;
import java.util.List;

public interface TagRunRepo {
    /**
     * Records a run as running. The schema refuses a second running run for
     * the release and a second success for the same candidate and kind; this
     * throws a Refusal then.
     *
     * @param owner which bot process runs it (host:pid), so a crash can be told from a live run
     */
    TagRun start(ReleaseName release, String candidateId, TagRun.Kind kind, String tagName, MemberId requester,
                 Instant at, String owner);

    /** The run's command was started as this process; it waits for this record before it does anything. */
    void launched(long runId, TagRun.Launch launch);

    /**
     * Records the run's end with what each repository carried.
     *
     * @return false when the run was no longer running (another process had settled it)
     */
    boolean finish(long runId, TagRun.State state, Integer exitCode, String output, List<TagCheck> checks, Instant at);

    List<TagRun> forRelease(ReleaseName release);

    /** Every run recorded as running, in every release, oldest first. */
    List<Running> running();

    /** The run's bot process is alive: its lease is renewed. */
    void heartbeat(long runId, Instant at);

    /**
     * A run recorded as running.
     *
     * @param owner    the bot process that started it (host:pid)
     * @param lastSign its last heartbeat, or its start
     */
    record Running(TagRun run, String owner, Instant lastSign) {
    }
}
