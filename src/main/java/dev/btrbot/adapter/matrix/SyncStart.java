package dev.btrbot.adapter.matrix;

import dev.btrbot.config.MatrixConfig;
import dev.btrbot.core.Reply;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sync loop does before its first {@code /sync}: logs in (or asks
 * whom the token belongs to), uploads the filter, reports the commands a
 * stopped process was handling as interrupted (never runs them again), joins
 * the configured rooms, and lists the direct rooms in {@code m.direct}. A
 * configured room that {@code GET /joined_rooms} does not list counts as left:
 * joining it makes the join its cutoff, so what was said while the bot was out
 * never runs.
 */
final class SyncStart {
    private static final Logger LOG = LoggerFactory.getLogger(SyncStart.class);

    private final MatrixConfig config;
    private final MatrixClient client;
    private final MatrixStore store;
    private final DirectRooms directRooms;
    private final Clock clock;

    /** Who the bot is, its filter, the cutoff of its first start on this database, and where the last run left off. */
    record Session(String self, String filterId, Instant firstStart, String since) {
    }

    SyncStart(MatrixConfig config, MatrixClient client, MatrixStore store, DirectRooms directRooms, Clock clock) {
        this.config = config;
        this.client = client;
        this.store = store;
        this.directRooms = directRooms;
        this.clock = clock;
    }

    Session connect() {
        String user = client.hasToken() ? client.whoami() : client.login();
        String filterId = client.uploadFilter(user, SyncFilter.sync());
        Instant firstStart = store.firstStart(clock.instant());
        String since = store.since().orElse(null);
        List<MatrixStore.Interrupted> cut = store.interrupt(i -> MatrixSendQueue.message(i.roomId(), MatrixMessages.inReplyTo(
                MatrixMessages.notice(Reply.error("btr-bot was stopped while handling this from " + i.sender()
                        + "; it may or may not have taken effect. Check with " + MatrixMessages.PREFIX + " status or "
                        + MatrixMessages.PREFIX + " audit before repeating it.", null)), i.eventId(), null), null), clock.instant());
        cut.forEach(i -> LOG.warn("event {} in {} was being handled when the bot stopped; reported as interrupted", i.eventId(), i.roomId()));
        joinConfiguredRooms();
        directRooms.listAll();
        LOG.info("Matrix: connected as {}", user);
        return new Session(user, filterId, firstStart, since);
    }

    private void joinConfiguredRooms() {
        Set<String> in = config.rooms().isEmpty() ? null : roomsIn();
        for (String room : config.rooms()) {
            Instant now = clock.instant();
            try {
                String roomId = client.join(room, room.startsWith("!") ? Invites.via(room, List.of()) : List.of());
                if (in != null && !in.contains(roomId)) {
                    store.left(roomId, now);
                    LOG.info("the bot was not in configured room {}; joined it, and nothing said there before is taken for commands",
                            room);
                }
                store.joined(roomId, now);
            } catch (MatrixClient.Rejected e) {
                if (in != null && room.startsWith("!") && !in.contains(room)) {
                    store.left(room, now);
                }
                LOG.warn("cannot join configured room {}: {}", room, e.getMessage());
            }
        }
    }

    /**
     * The rooms the homeserver says the bot is in ({@code GET /joined_rooms}), so that a configured room it was removed from
     * while stopped is joined afresh; null when that cannot be asked (then those rooms keep their earlier join time).
     */
    private Set<String> roomsIn() {
        try {
            return client.joinedRooms();
        } catch (RuntimeException e) {
            LOG.warn("could not list the rooms the bot is in ({}); configured rooms keep their earlier join time", e.getMessage());
            return null;
        }
    }
}
