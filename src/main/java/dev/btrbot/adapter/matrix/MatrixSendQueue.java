package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.btrbot.core.Reply;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every message the bot sends goes through here: it is stored with a fresh
 * transaction id before the first PUT, and re-sent with that same id after a
 * network error, a 5xx or a restart, so the homeserver (which answers a
 * repeated transaction with the first event id) shows it once. A 4xx other
 * than 429 is final: the message is marked failed and logged (one refused as
 * too large is followed by a short notice saying so); except a refused access
 * token (401), which says nothing about the message: it stays pending and goes
 * out once the bot is let in again.
 *
 * <p>Sends come from several threads (the rooms' command lanes, the sync
 * loop's {@link #flush}, the scheduler's posts); a message is in the hands of
 * one of them at a time, so a flush never sends what another thread is
 * sending.
 */
final class MatrixSendQueue {
    private static final Logger LOG = LoggerFactory.getLogger(MatrixSendQueue.class);

    private final MatrixClient client;
    private final MatrixStore store;
    private final Timing timing;
    private final Clock clock;
    private final Sleeper sleeper;
    /** Transaction ids some thread is storing or sending now. */
    private final Set<String> inHand = ConcurrentHashMap.newKeySet();

    MatrixSendQueue(MatrixClient client, MatrixStore store, Timing timing, Clock clock, Sleeper sleeper) {
        this.client = client;
        this.store = store;
        this.timing = timing;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    static MatrixStore.Outgoing message(String roomId, ObjectNode content, String actions) {
        return new MatrixStore.Outgoing(newTxnId(), roomId, "m.room.message", content.toString(), actions);
    }

    static String newTxnId() {
        return "btr-" + UUID.randomUUID();
    }

    /** Stores and sends; empty when it is still pending (it goes out with a later {@link #flush}). */
    Optional<String> send(MatrixStore.Outgoing o) {
        inHand.add(o.txnId());
        try {
            store.enqueue(o, clock.instant());
            return attempt(o);
        } finally {
            inHand.remove(o.txnId());
        }
    }

    /**
     * Runs {@code storing}, which stores {@code messages} for sending in its own transaction (or stores nothing and
     * answers false), then sends them in order. A flush meanwhile leaves them to this call. False when nothing was stored.
     */
    boolean storeAndSend(List<MatrixStore.Outgoing> messages, BooleanSupplier storing) {
        List<String> txns = messages.stream().map(MatrixStore.Outgoing::txnId).toList();
        inHand.addAll(txns);
        try {
            if (!storing.getAsBoolean()) {
                return false;
            }
            messages.forEach(this::attempt);
            return true;
        } finally {
            txns.forEach(inHand::remove);
        }
    }

    /**
     * Sends what is stored but not yet sent, oldest first, leaving alone what another thread is sending; stops at the
     * first one that still cannot go out.
     */
    void flush() {
        for (MatrixStore.Outgoing o : store.pending()) {
            if (!inHand.add(o.txnId())) {
                continue;
            }
            try {
                if (attempt(o).isEmpty() && store.pending().stream().anyMatch(p -> p.txnId().equals(o.txnId()))) {
                    return;
                }
            } finally {
                inHand.remove(o.txnId());
            }
        }
    }

    /**
     * A message the homeserver refused as too large (413 {@code M_TOO_LARGE}: its limit is below the spec's, or the
     * message grew past it) is followed by a short notice, in the same place and reply, saying so: the member is never
     * left without an answer. Only a message much longer than that notice is followed by one.
     */
    private Optional<String> tooLarge(MatrixStore.Outgoing o) {
        if (!o.eventType().equals("m.room.message") || o.content().length() < 4_096) {
            return Optional.empty();
        }
        JsonNode refused;
        try {
            refused = MatrixClient.JSON.readTree(o.content());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        String title = refused.path("body").asText("").lines().findFirst().orElse("").strip();
        ObjectNode notice = MatrixMessages.notice(Reply.error("\"" + (title.length() > 200 ? title.substring(0, 200) + "…" : title)
                + "\" is too large for this homeserver (" + o.content().length() + " characters; it answered 413 M_TOO_LARGE). "
                + "Ask for less, or read it on the dashboard.", null));
        if (refused.has("m.relates_to")) {
            notice.set("m.relates_to", refused.path("m.relates_to").deepCopy());
        }
        return send(new MatrixStore.Outgoing(newTxnId(), o.roomId(), o.eventType(), notice.toString(), null));
    }

    /** Sends one stored message with its own transaction id, retrying transient errors with backoff. */
    private Optional<String> attempt(MatrixStore.Outgoing o) {
        for (int attempt = 1; attempt <= timing.sendAttempts(); attempt++) {
            try {
                String eventId = client.send(o.roomId(), o.eventType(), o.txnId(), o.content());
                store.sent(o.txnId(), eventId, clock.instant());
                return Optional.of(eventId);
            } catch (MatrixClient.Rejected e) {
                if (e.tokenRejected()) {
                    LOG.info("send to {} (txn {}) kept for later: the access token was refused ({})", o.roomId(), o.txnId(), e.errcode);
                    return Optional.empty();
                }
                LOG.warn("homeserver refused a message to {} (txn {}): {}; not retrying", o.roomId(), o.txnId(), e.getMessage());
                store.failed(o.txnId());
                return e.status == 413 ? tooLarge(o) : Optional.empty();
            } catch (MatrixClient.Transient e) {
                if (Thread.currentThread().isInterrupted()) {
                    return Optional.empty();
                }
                LOG.info("send to {} (txn {}) failed, attempt {}/{}: {}", o.roomId(), o.txnId(), attempt, timing.sendAttempts(),
                        e.getMessage());
                if (attempt < timing.sendAttempts()) {
                    try {
                        sleeper.pause(timing.backoff(attempt));
                    } catch (MatrixClient.Transient interrupted) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }
}
