package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.btrbot.core.port.PlatformManagers;
import dev.btrbot.domain.MemberId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bot knows of rooms: aliases resolved to room ids, each room's
 * power levels and its creation ({@code m.room.create}: room version and
 * creators), kept current from {@code /sync} and fetched once when a room's
 * were not seen since the start. With a configured level, a member whose power
 * level in a release's room reaches it counts as that release's manager (who
 * may assign roles, waive, tag). From room version 12 the room's creators (the
 * sender of {@code m.room.create} and its {@code additional_creators}) hold
 * unlimited power and are not listed in the power levels, so they always
 * reach it; in earlier versions creators have what the power levels give them.
 */
final class Rooms implements PlatformManagers {
    private static final Logger LOG = LoggerFactory.getLogger(Rooms.class);
    /** The first room version whose creators hold unlimited power. */
    static final int CREATORS_UNLIMITED_FROM = 12;

    private final MatrixClient client;
    private final Integer managerLevel;
    private final Map<String, String> aliases = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> powerLevels = new ConcurrentHashMap<>();
    private final Map<String, Creation> creations = new ConcurrentHashMap<>();

    /** A room's {@code m.room.create}: its version and who created it. */
    record Creation(String version, Set<String> creators) {
        /** True when {@code user} is a creator with unlimited power: room version 12 or later. */
        boolean unlimited(String user) {
            return creators.contains(user) && versionNumber() >= CREATORS_UNLIMITED_FROM;
        }

        /** The room version as a number; 0 for versions that are not plain numbers (experimental ones) and for "1" by default. */
        private int versionNumber() {
            try {
                return Integer.parseInt(version);
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        static Creation of(JsonNode createEvent) {
            Set<String> creators = new java.util.LinkedHashSet<>();
            creators.add(createEvent.path("sender").asText());
            JsonNode content = createEvent.path("content");
            content.path("additional_creators").forEach(c -> creators.add(c.asText()));
            return new Creation(content.path("room_version").asText("1"), Set.copyOf(creators));
        }
    }

    Rooms(MatrixClient client, Integer managerLevel) {
        this.client = client;
        this.managerLevel = managerLevel;
    }

    static boolean isRoom(String channel) {
        return channel != null && (channel.startsWith("!") || channel.startsWith("#") && channel.indexOf(':') > 1);
    }

    /** The room id of a room id or alias. */
    String roomId(String channel) {
        if (channel.startsWith("!")) {
            return channel;
        }
        return aliases.computeIfAbsent(channel, client::resolveAlias);
    }

    void powerLevels(String roomId, JsonNode content) {
        powerLevels.put(roomId, content);
    }

    /** The room's {@code m.room.create} event, as seen in its state. */
    void created(String roomId, JsonNode createEvent) {
        creations.put(roomId, Creation.of(createEvent));
    }

    @Override
    public boolean vouches(String channel, MemberId member) {
        if (managerLevel == null || !isRoom(channel)) {
            return false;
        }
        try {
            String room = roomId(channel);
            Creation creation = known(creations, room, () -> client.stateEvent(room, "m.room.create").map(Creation::of));
            if (creation != null && creation.unlimited(member.value())) {
                return true;
            }
            JsonNode levels = known(powerLevels, room, () -> client.powerLevels(room));
            return levels != null && level(levels, member.value()) >= managerLevel;
        } catch (RuntimeException e) {
            LOG.warn("could not read the power levels of {}: {}", channel, e.getMessage());
            return false;
        }
    }

    /** What is known of the room, else fetched once (and kept when the homeserver has it). */
    private static <T> T known(Map<String, T> cache, String room, java.util.function.Supplier<Optional<T>> fetch) {
        T known = cache.get(room);
        if (known != null) {
            return known;
        }
        Optional<T> fetched = fetch.get();
        fetched.ifPresent(v -> cache.put(room, v));
        return fetched.orElse(null);
    }

    static long level(JsonNode powerLevels, String user) {
        JsonNode users = powerLevels.path("users");
        return users.has(user) ? users.path(user).asLong() : powerLevels.path("users_default").asLong(0);
    }
}
