package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Client-Server API loop: connects ({@link SyncStart}), then long-polls
 * {@code /sync} with its filter and hands each batch to the {@link
 * BatchHandler}, which queues the commands in their rooms' lanes; the loop
 * reads on while they run, so a long command holds only its own room.
 * Before each poll it sends what is still queued to send.
 *
 * <p>A batch's token is saved once its work is done ({@link SyncTokens}).
 * Network errors and 5xx back off exponentially ({@link Timing#backoff}) and
 * the loop carries on from the last batch it got through. A refused access
 * token that cannot be replaced by logging in again (no password configured)
 * is said once in one line, and the loop keeps backing off until the
 * homeserver takes the token again. A homeserver that offers no password
 * login to a bot configured with one is said once in one line, and the loop
 * ends: there is nothing to retry.
 */
final class SyncLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncLoop.class);

    private final SyncStart start;
    private final MatrixClient client;
    private final MatrixSendQueue sends;
    private final BatchHandler batches;
    private final SyncTokens tokens;
    private final Timing timing;
    private final Sleeper sleeper;
    private volatile boolean running = true;
    /** True while the loop only waits (the {@code /sync} long-poll, a backoff): a stop may interrupt it at once. */
    private volatile boolean idle;
    private SyncStart.Session session;
    private String since;

    SyncLoop(SyncStart start, MatrixClient client, MatrixSendQueue sends, BatchHandler batches, SyncTokens tokens, Timing timing,
             Sleeper sleeper) {
        this.start = start;
        this.client = client;
        this.sends = sends;
        this.batches = batches;
        this.tokens = tokens;
        this.timing = timing;
        this.sleeper = sleeper;
    }

    /** Asks the loop to end; the batch it is handing out is given up (its token is not saved). */
    void stop() {
        running = false;
    }

    boolean idle() {
        return idle;
    }

    @Override
    public void run() {
        int failures = 0;
        boolean tokenRefused = false;
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                if (session == null) {
                    session = start.connect();
                    since = session.since();
                }
                sends.flush();
                JsonNode batch = poll();
                if (batch == null) {
                    return;
                }
                if (tokenRefused) {
                    LOG.info("Matrix accepts the bot's access token again");
                    tokenRefused = false;
                }
                handle(batch);
                failures = 0;
            } catch (MatrixClient.LoginUnavailable e) {
                LOG.error("Matrix cannot log in: {}. The Matrix adapter stops; the rest of btr-bot runs on.", e.getMessage());
                running = false;
                return;
            } catch (RuntimeException e) {
                if (!running || Thread.currentThread().isInterrupted()) {
                    return;
                }
                failures++;
                Duration wait = timing.backoff(failures);
                tokenRefused = said(e, wait, tokenRefused);
                if (!backOff(wait)) {
                    return;
                }
            }
        }
    }

    /** The next batch; null when the loop was stopped meanwhile. */
    private JsonNode poll() {
        idle = true;
        try {
            if (!running) {
                return null;
            }
            JsonNode batch = client.sync(session.filterId(), since, since == null ? Duration.ZERO : timing.syncTimeout());
            return running ? batch : null;
        } finally {
            idle = false;
        }
    }

    private void handle(JsonNode batch) {
        String next = batch.path("next_batch").asText(null);
        SyncTokens.Batch progress = tokens.open(next);
        boolean done = false;
        try {
            done = batches.handle(session, batch, progress, () -> running);
        } finally {
            if (done) {
                progress.dispatched();
            } else {
                progress.abandon();
            }
        }
        if (done && next != null) {
            since = next;
        }
    }

    /** Logs the failure the way its kind asks; returns whether the token is (still) refused. */
    private boolean said(RuntimeException e, Duration wait, boolean tokenRefused) {
        if (e instanceof MatrixClient.Transient) {
            LOG.info("Matrix unreachable ({}); retrying in {} ms", e.getMessage(), wait.toMillis());
        } else if (e instanceof MatrixClient.Rejected r && r.tokenRejected()) {
            if (!tokenRefused) {
                LOG.warn("Matrix refused the bot's access token ({} {}): it has expired or was revoked. Set a new "
                        + "MATRIX_ACCESS_TOKEN (or MATRIX_USER and MATRIX_PASSWORD, to log in again by itself) and restart; "
                        + "until then btr-bot retries with backoff, up to every {} s", r.status, r.errcode,
                        timing.backoffMax().toSeconds());
            }
            return true;
        } else if (e instanceof MatrixClient.Rejected r) {
            LOG.warn("Matrix refused a request ({}); retrying in {} ms", r.getMessage(), wait.toMillis());
        } else {
            LOG.error("Matrix sync failed; retrying in {} ms", wait.toMillis(), e);
        }
        return tokenRefused;
    }

    /** Waits before the next attempt; false when the loop was stopped (or interrupted) meanwhile. */
    private boolean backOff(Duration wait) {
        idle = true;
        try {
            if (!running) {
                return false;
            }
            sleeper.pause(wait);
            return true;
        } catch (MatrixClient.Transient interrupted) {
            return false;
        } finally {
            idle = false;
        }
    }
}
