package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The direct rooms the bot tells members things in: one per member, opened
 * once ({@code is_direct}) and remembered, and listed in the bot's {@code
 * m.direct} account data so clients show it as a direct chat. That account
 * data is read before it is written and only ever added to, so what other
 * sessions of the account listed stays; a room whose listing failed is listed
 * at the next start.
 *
 * <p>A direct room that is end-to-end encrypted (the homeserver encrypts new
 * rooms by default, or the member turned encryption on) is one the bot cannot
 * write to: that is asked of the homeserver when the room is opened, and once
 * per run for a room opened before, and taken from the sync when it changes.
 */
final class DirectRooms {
    private static final Logger LOG = LoggerFactory.getLogger(DirectRooms.class);
    static final String M_DIRECT = "m.direct";
    static final String ENCRYPTION = "m.room.encryption";

    private final MatrixClient client;
    private final MatrixStore store;
    private final Clock clock;
    /** Direct rooms whose encryption was asked of the homeserver in this run. */
    private final Set<String> checked = ConcurrentHashMap.newKeySet();

    DirectRooms(MatrixClient client, MatrixStore store, Clock clock) {
        this.client = client;
        this.store = store;
        this.clock = clock;
    }

    /** The member's direct room, opened and listed in {@code m.direct} the first time. */
    synchronized String roomFor(String member) {
        Optional<String> known = store.directRoom(member);
        if (known.isPresent()) {
            checkEncryption(known.get());
            return known.get();
        }
        String created = client.createDirectRoom(member);
        store.saveDirectRoom(member, created);
        LOG.info("opened a direct room {} with {}", created, member);
        checkEncryption(created);
        list(Map.of(member, created));
        return created;
    }

    /** True when the member's direct room is end-to-end encrypted, so the bot cannot write there. */
    boolean encrypted(String member) {
        return store.directRoomIsEncrypted(member);
    }

    /**
     * A room's state showed {@code m.room.encryption}: true when it is a direct room, now marked encrypted. Waits for a
     * direct room being opened: the sync may show the new room before it is recorded as one.
     */
    synchronized boolean encryptedNow(String roomId) {
        if (store.directRoomMember(roomId).isEmpty()) {
            return false;
        }
        store.directRoomEncrypted(roomId, clock.instant());
        return true;
    }

    private void checkEncryption(String roomId) {
        if (!checked.add(roomId)) {
            return;
        }
        try {
            if (client.stateEvent(roomId, ENCRYPTION).isPresent()) {
                LOG.info("direct room {} is end-to-end encrypted; btr-bot cannot write there", roomId);
                store.directRoomEncrypted(roomId, clock.instant());
            }
        } catch (MatrixClient.Transient e) {
            checked.remove(roomId);     // asked again next time; the sync reports encryption too
        }
    }
    /** Lists every remembered direct room in {@code m.direct}: those opened before it was kept, or whose listing failed. */
    synchronized void listAll() {
        Map<String, String> rooms = store.directRooms();
        if (!rooms.isEmpty()) {
            list(rooms);
        }
    }

    private void list(Map<String, String> rooms) {
        try {
            String self = client.userId();
            ObjectNode direct = client.accountData(self, M_DIRECT).filter(JsonNode::isObject).map(n -> (ObjectNode) n)
                    .orElseGet(MatrixClient.JSON::createObjectNode);
            boolean changed = false;
            for (Map.Entry<String, String> room : rooms.entrySet()) {
                JsonNode listed = direct.path(room.getKey());
                ArrayNode list = listed.isArray() ? (ArrayNode) listed : direct.putArray(room.getKey());
                boolean there = false;
                for (JsonNode r : list) {
                    there |= r.asText().equals(room.getValue());
                }
                if (!there) {
                    list.add(room.getValue());
                    changed = true;
                }
            }
            if (changed) {
                client.putAccountData(self, M_DIRECT, direct);
            }
        } catch (MatrixClient.Transient | MatrixClient.Rejected e) {
            LOG.warn("could not list {} direct room(s) in m.direct ({}); clients show them as ordinary rooms until the next start",
                    rooms.size(), e.getMessage());
        }
    }
}
