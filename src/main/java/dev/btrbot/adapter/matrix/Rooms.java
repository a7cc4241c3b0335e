package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.btrbot.core.port.PlatformManagers;
import dev.btrbot.domain.MemberId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bot knows of rooms: aliases resolved to room ids, and each room's
 * power levels (kept current from {@code /sync}; fetched once when a room's
 * levels were not seen since the start). With a configured level, a member
 * whose power level in a release's room reaches it counts as that release's
 * manager (who may assign roles, waive, tag).
 */
final class Rooms implements PlatformManagers {
    private static final Logger LOG = LoggerFactory.getLogger(Rooms.class);

    private final MatrixClient client;
    private final Integer managerLevel;
    private final Map<String, String> aliases = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> powerLevels = new ConcurrentHashMap<>();

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

    @Override
    public boolean vouches(String channel, MemberId member) {
        if (managerLevel == null || !isRoom(channel)) {
            return false;
        }
        try {
            String room = roomId(channel);
            JsonNode levels = Optional.ofNullable(powerLevels.get(room)).orElseGet(() -> {
                JsonNode fetched = client.powerLevels(room).orElse(null);
                if (fetched != null) {
                    powerLevels.put(room, fetched);
                }
                return fetched;
            });
            return levels != null && level(levels, member.value()) >= managerLevel;
        } catch (RuntimeException e) {
            LOG.warn("could not read the power levels of {}: {}", channel, e.getMessage());
            return false;
        }
    }

    static long level(JsonNode powerLevels, String user) {
        JsonNode users = powerLevels.path("users");
        return users.has(user) ? users.path(user).asLong() : powerLevels.path("users_default").asLong(0);
    }
}
