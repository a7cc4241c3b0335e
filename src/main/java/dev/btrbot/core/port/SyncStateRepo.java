package dev.btrbot.core.port;

import dev.btrbot.domain.ReleaseName;
import java.time.Instant;
import java.util.Optional;

/**
 * When a release's blockers were last refreshed from GitHub, and the single
 * sync in flight per release: {@link #claim} succeeds for one caller at a
 * time (across processes sharing the store), until {@link #release} or until
 * a claim older than {@code staleBefore} is taken over after a crash.
 */
public interface SyncStateRepo {
    Optional<SyncState> find(ReleaseName release);

    boolean claim(ReleaseName release, String owner, Instant at, Instant staleBefore);

    void release(ReleaseName release, String owner);

    /** A complete refresh: clears any failure and any partial result. */
    void succeeded(ReleaseName release, Instant at);

    /**
     * A refresh from an answer the tracker said may be incomplete: what it
     * listed was stored, nothing it left out was closed; clears any failure.
     */
    void partial(ReleaseName release, Instant at);

    /** Records a failure; {@code unreachableSince} keeps the first failure of a run of failures. */
    void failed(ReleaseName release, Instant at, String error);

    /**
     * @param refreshedAt      the last successful sync, or null
     * @param unreachableSince the first failure since then, or null
     * @param runningSince     when the sync in flight started, or null
     * @param partialAt        when the last sync got an incomplete answer, or null when it was complete
     */
    record SyncState(ReleaseName release, Instant refreshedAt, Instant unreachableSince, String lastError, Instant runningSince,
                     Instant partialAt) {
    }
}
