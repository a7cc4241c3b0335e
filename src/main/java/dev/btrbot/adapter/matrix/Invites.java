package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.btrbot.config.MatrixConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the invites a sync shows: a room that is configured (by id or by
 * the alias its invite shows), or whose inviter is on an allowed homeserver
 * ({@code MATRIX_SERVERS}; without it, the bot's own), is joined, through the
 * servers the invite names; any other is declined. The join is the room's
 * cutoff: only what is said once the bot is in may run.
 */
final class Invites {
    private static final Logger LOG = LoggerFactory.getLogger(Invites.class);

    private final MatrixConfig config;
    private final MatrixClient client;
    private final MatrixStore store;
    private final Clock clock;

    Invites(MatrixConfig config, MatrixClient client, MatrixStore store, Clock clock) {
        this.config = config;
        this.client = client;
        this.store = store;
        this.clock = clock;
    }

    void invited(String self, String room, JsonNode inviteState) {
        String inviter = null;
        String alias = null;
        List<String> members = new ArrayList<>();
        for (JsonNode ev : inviteState) {
            if (ev.path("type").asText().equals("m.room.member") && self.equals(ev.path("state_key").asText())) {
                inviter = ev.path("sender").asText(null);
            } else if (ev.hasNonNull("sender")) {
                members.add(ev.path("sender").asText());
            }
            if (ev.path("type").asText().equals("m.room.canonical_alias")) {
                alias = ev.path("content").path("alias").asText(null);
            }
        }
        boolean allowed = config.rooms().contains(room) || alias != null && config.rooms().contains(alias)
                || inviter != null && (config.servers().isEmpty() ? server(self).equals(server(inviter))
                : config.servers().contains(server(inviter)));
        try {
            if (allowed) {
                Instant joining = clock.instant();      // before the join: what is said once the bot is in is never cut off
                List<String> through = new ArrayList<>();
                if (inviter != null) {
                    through.add(inviter);
                }
                through.addAll(members);
                store.joined(client.join(room, via(room, through)), joining);
                LOG.info("joined {} on an invite from {}", room, inviter);
            } else {
                client.leave(room);
                LOG.info("declined an invite to {} from {}: not an allowed room or homeserver", room, inviter);
            }
        } catch (MatrixClient.Rejected e) {
            LOG.warn("could not answer the invite to {}: {}", room, e.getMessage());
        }
    }

    /**
     * The servers to join a room id through: those of these users (the inviter first, then who sent the room's state
     * the invite shows), and the server named in the room id (room versions before 12 have one), without repeats.
     */
    static List<String> via(String roomId, List<String> users) {
        Set<String> servers = new LinkedHashSet<>();
        users.stream().map(Invites::server).filter(s -> !s.isEmpty()).forEach(servers::add);
        String inId = server(roomId);
        if (!inId.isEmpty()) {
            servers.add(inId);
        }
        return List.copyOf(servers);
    }

    static String server(String userId) {
        int colon = userId == null ? -1 : userId.indexOf(':');
        return colon < 0 ? "" : userId.substring(colon + 1);
    }
}
