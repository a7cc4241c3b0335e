package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the bot is in a room, and since when: the cutoff before which
 * nothing said there is a command. A room in a batch's {@code rooms.leave}
 * (the bot left, was kicked or banned) is recorded as left, and none of its
 * events is handled; being back in it (an invite accepted, a configured room
 * joined at start, another client re-joining it) makes that join the cutoff,
 * and so does the bot's own join event seen in a timeline after its leave (or
 * with an earlier membership other than join). The cutoff is never before the
 * bot's first start on this database.
 */
final class RoomMembership {
    private static final Logger LOG = LoggerFactory.getLogger(RoomMembership.class);

    private final MatrixStore store;
    private final Clock clock;

    RoomMembership(MatrixStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void left(String room) {
        store.left(room, clock.instant());
        LOG.info("the bot is no longer in {} (left, kicked or banned); what is said there is ignored until it joins again", room);
    }

    /** The room's cutoff, after taking in this sync's timeline of it. */
    Instant cutoff(String self, String room, JsonNode timeline, Instant firstStart) {
        if (store.leftAt(room).isPresent()) {
            // back in a room it had left without this loop joining it (another client, an admin): afresh from now
            store.joined(room, clock.instant());
            LOG.info("the bot is in {} again; what was said there while it was out is not taken for commands", room);
        }
        rejoined(self, timeline).ifPresent(at -> store.rejoinedAt(room, at));
        return store.joinedAt(room).filter(j -> j.isAfter(firstStart)).orElse(firstStart);
    }

    /**
     * When the bot last joined the room according to its own {@code m.room.member} events in this timeline: a join after
     * its leave or ban in the same timeline, or one whose {@code unsigned.prev_content} says it was not joined before (an
     * invite accepted, a re-join). A join that only changes its profile (previously joined) does not count.
     */
    private static Optional<Instant> rejoined(String self, JsonNode timeline) {
        Instant at = null;
        boolean out = false;
        for (JsonNode ev : timeline) {
            if (!ev.path("type").asText().equals("m.room.member") || !self.equals(ev.path("state_key").asText(null))) {
                continue;
            }
            String membership = ev.path("content").path("membership").asText("");
            if (membership.equals("leave") || membership.equals("ban")) {
                out = true;
            } else if (membership.equals("join")) {
                JsonNode prev = ev.path("unsigned").path("prev_content").path("membership");
                if (out || prev.isTextual() && !prev.asText().equals("join")) {
                    at = Instant.ofEpochMilli(ev.path("origin_server_ts").asLong(0));
                }
                out = false;
            }
        }
        return Optional.ofNullable(at);
    }
}
