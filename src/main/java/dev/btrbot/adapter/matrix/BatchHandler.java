package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.btrbot.core.Reply;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Goes through one {@code /sync} batch on the sync thread and hands its work
 * to the rooms' lanes: rooms left are recorded first (none of their events is
 * handled), then invites are answered, then each joined room's state is taken
 * in (power levels, creation, encryption, members' display names), its cutoff
 * settled, a gap in its timeline filled in, and its events handed to its lane
 * oldest first. The last event of the room is recorded as seen once its lane
 * got through the events before it, so a backfill never stops short of work
 * that never ran. An encrypted room that is not a direct room gets one notice
 * that the bot cannot read it.
 */
final class BatchHandler {
    private final MatrixStore store;
    private final MatrixSendQueue sends;
    private final Rooms rooms;
    private final DirectRooms directRooms;
    private final MatrixMemberNames names;
    private final RoomMembership membership;
    private final Invites invites;
    private final Backfill backfill;
    private final CommandDispatch dispatch;
    private final RoomLanes lanes;
    private final Clock clock;

    BatchHandler(MatrixStore store, MatrixSendQueue sends, Rooms rooms, DirectRooms directRooms, MatrixMemberNames names,
                 RoomMembership membership, Invites invites, Backfill backfill, CommandDispatch dispatch, RoomLanes lanes, Clock clock) {
        this.store = store;
        this.sends = sends;
        this.rooms = rooms;
        this.directRooms = directRooms;
        this.names = names;
        this.membership = membership;
        this.invites = invites;
        this.backfill = backfill;
        this.dispatch = dispatch;
        this.lanes = lanes;
        this.clock = clock;
    }

    /** Hands out the batch's work, each piece counted in {@code progress}; false when stopped part way. */
    boolean handle(SyncStart.Session session, JsonNode batch, SyncTokens.Batch progress, BooleanSupplier running) {
        JsonNode sections = batch.path("rooms");
        sections.path("leave").fieldNames().forEachRemaining(membership::left);
        for (Iterator<Map.Entry<String, JsonNode>> it = sections.path("invite").fields(); it.hasNext(); ) {
            var invite = it.next();
            invites.invited(session.self(), invite.getKey(), invite.getValue().path("invite_state").path("events"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = sections.path("join").fields(); it.hasNext(); ) {
            var joined = it.next();
            if (!joined(session, joined.getKey(), joined.getValue(), progress, running)) {
                return false;
            }
        }
        return true;
    }

    private boolean joined(SyncStart.Session session, String room, JsonNode update, SyncTokens.Batch progress, BooleanSupplier running) {
        JsonNode timeline = update.path("timeline");
        state(room, update);
        Instant notBefore = membership.cutoff(session.self(), room, timeline.path("events"), session.firstStart());
        List<JsonNode> events = new ArrayList<>();
        String prevBatch = timeline.path("prev_batch").asText(null);
        if (timeline.path("limited").asBoolean(false) && prevBatch != null) {
            events.addAll(backfill.gap(room, prevBatch, notBefore, running));
        }
        timeline.path("events").forEach(events::add);
        for (JsonNode ev : events) {
            if (!running.getAsBoolean()) {
                return false;
            }
            Optional<Runnable> work = dispatch.work(session.self(), room, ev, notBefore);
            if (work.isPresent() && !inLane(room, work.get(), progress)) {
                return false;
            }
        }
        if (!events.isEmpty()) {
            String last = events.get(events.size() - 1).path("event_id").asText();
            return inLane(room, () -> store.saveLastEvent(room, last), progress);
        }
        return true;
    }

    private boolean inLane(String room, Runnable work, SyncTokens.Batch progress) {
        progress.add();
        boolean queued = lanes.submit(room, () -> {
            try {
                work.run();
            } finally {
                progress.done();
            }
        });
        if (!queued) {
            progress.done();
        }
        return queued;
    }

    /** Takes in the room's state as the sync shows it (state, state after, and the state events of the timeline). */
    private void state(String room, JsonNode update) {
        List<JsonNode> state = new ArrayList<>();
        update.path("state").path("events").forEach(state::add);
        update.path("state_after").path("events").forEach(state::add);
        update.path("timeline").path("events").forEach(state::add);
        boolean encrypted = false;
        for (JsonNode ev : state) {
            String type = ev.path("type").asText();
            // only a state event (it has a state_key, the empty string) sets power levels; a message event of that type
            // is just a message, which anyone may send
            boolean roomState = ev.has("state_key") && ev.path("state_key").asText("x").isEmpty();
            if (type.equals("m.room.power_levels") && roomState) {
                rooms.powerLevels(room, ev.path("content"));
            }
            if (type.equals("m.room.create") && roomState) {
                rooms.created(room, ev);
            }
            if (type.equals("m.room.member") && ev.has("state_key")) {
                names.seen(ev);
            }
            encrypted |= type.equals("m.room.encryption") || type.equals("m.room.encrypted");
        }
        // an encrypted direct room is not written to at all (its member is told in a release room when the bot has
        // something for them); any other encrypted room gets one notice
        if (encrypted && !directRooms.encryptedNow(room)) {
            MatrixStore.Outgoing notice = MatrixSendQueue.message(room, MatrixMessages.notice(Reply.error("This room is end-to-end "
                    + "encrypted, and btr-bot cannot read or answer encrypted messages. Please run the release in an unencrypted "
                    + "room and invite the bot there.", null)), null);
            sends.storeAndSend(List.of(notice), () -> store.claimEncryptionNotice(room, notice, clock.instant()));
        }
    }
}
