package dev.btrbot.core;

import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.StoreTx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a message the bot sends on its own reaches the chat: its keys
 * are claimed in {@code scheduled_post}, it is sent after the deciding
 * transaction committed, and a key is marked sent once every message carrying
 * it was delivered. A message the platform refuses is logged and does not
 * stop the others; its key stays unsent, and {@code status} names it.
 *
 * <p>Scheduled messages ({@link #claim}) are claimed in the transaction that
 * decides them, so that the claim decides who sends them; a command's messages
 * (role offers and notes) are decided once by the command itself and their
 * keys are recorded by {@link #send} just before they go out.
 */
public final class Delivery {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final Store store;
    private final Chat chat;
    private final Clock clock;
    private final String processId;

    public Delivery(Store store, Chat chat, Clock clock, String processId) {
        this.store = store;
        this.chat = chat;
        this.clock = clock;
        this.processId = processId;
    }

    /** @return true when this call took the key; false when anyone (this process included) had it already */
    public boolean claim(StoreTx tx, PostKey key, Instant now) {
        return tx.scheduledPosts().claim(key.release(), key.kind().stored, key.slot(), processId, now);
    }

    /** Whether anyone claimed the key already. */
    public static boolean claimed(StoreTx tx, PostKey key) {
        return tx.scheduledPosts().claimed(key.release(), key.kind().stored, key.slot());
    }

    /**
     * Sends the outbox's messages (after the transaction that queued them committed) and records what arrived.
     *
     * @return the messages the platform took
     */
    public List<Outbox.Message> send(Outbox outbox) {
        List<Outbox.Message> messages = outbox.messages();
        if (messages.isEmpty()) {
            return List.of();
        }
        Instant queued = clock.instant();
        store.write(tx -> {
            messages.forEach(m -> m.keys().forEach(k -> claim(tx, k, queued)));
            return null;
        });
        List<Outbox.Message> delivered = new ArrayList<>();
        Map<PostKey, Boolean> arrived = new LinkedHashMap<>();
        for (Outbox.Message m : messages) {
            boolean ok = deliver(m);
            if (ok) {
                delivered.add(m);
            }
            m.keys().forEach(k -> arrived.merge(k, ok, Boolean::logicalAnd));
        }
        List<PostKey> sent = arrived.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        if (!sent.isEmpty()) {
            Instant at = clock.instant();
            store.write(tx -> {
                sent.forEach(k -> tx.scheduledPosts().markSent(k.release(), k.kind().stored, k.slot(), at));
                return null;
            });
        }
        return delivered;
    }

    private boolean deliver(Outbox.Message m) {
        try {
            if (m.member() != null) {
                chat.tell(m.member(), m.reply());
            } else {
                chat.post(m.channel(), m.reply());
            }
            return true;
        } catch (RuntimeException e) {
            LOG.error("could not send '{}' to {} ({}); it stays on record as not delivered", m.reply().title(), m.to(), m.keys(), e);
            return false;
        }
    }
}
