package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the bot asks {@code /sync} (and a backfill) for: the timeline events it
 * acts on or follows, and the room state it keeps (encryption, power levels,
 * creation, and the members who speak, for their display names: lazily
 * loaded, so a big room's member list is never fetched whole). No presence,
 * account data or ephemeral events.
 */
final class SyncFilter {
    static final List<String> TIMELINE_TYPES = List.of("m.room.message", "m.reaction", "m.room.encryption",
            "m.room.encrypted", "m.room.power_levels", "m.room.member", "m.room.create");
    static final List<String> STATE_TYPES = List.of("m.room.encryption", "m.room.power_levels", "m.room.create", "m.room.member");
    /** Events per sync timeline and per backfill page. */
    static final int PAGE = 100;

    private SyncFilter() {
    }

    static JsonNode sync() {
        ObjectNode f = MatrixClient.JSON.createObjectNode();
        f.putObject("presence").putArray("types");
        f.putObject("account_data").putArray("types");
        ObjectNode room = f.putObject("room");
        ObjectNode timeline = room.putObject("timeline");
        timeline.put("limit", PAGE);
        TIMELINE_TYPES.forEach(timeline.withArray("types")::add);
        ObjectNode state = room.putObject("state");
        STATE_TYPES.forEach(state.withArray("types")::add);
        state.put("lazy_load_members", true);
        room.putObject("ephemeral").putArray("types");
        room.putObject("account_data").putArray("types");
        return f;
    }

    /** The room event filter of a backfill: the same event types as the sync timeline. */
    static JsonNode backfill() {
        ObjectNode f = MatrixClient.JSON.createObjectNode();
        TIMELINE_TYPES.forEach(f.withArray("types")::add);
        return f;
    }
}
