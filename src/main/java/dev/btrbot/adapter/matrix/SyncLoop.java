package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.btrbot.config.MatrixConfig;
import dev.btrbot.core.Bot;
import dev.btrbot.core.Invocation;
import dev.btrbot.core.Reply;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Client-Server API loop: long-polls {@code /sync} with a filter, turns
 * {@code !btr} messages and ✅/❌ reactions on the bot's prompts into
 * {@link Invocation}s for {@link Bot#handle}, and answers in the room.
 *
 * <p>Rules it keeps: an event is claimed (by event id) before it runs and the
 * sync token is saved after the whole batch, so a crash replays at most a
 * batch and nothing in it runs twice; a room timeline the homeserver cut short
 * ({@code limited}, after downtime or a burst) is first filled in from
 * {@code /rooms/{roomId}/messages}, back to the last event the bot saw in that
 * room, an event it already took on, or the cutoff below (at most
 * {@link Timing#backfillEvents()} per room per sync, logged when reached), and
 * the gap is handled oldest first, before the batch's own events; an event
 * claimed but never finished is reported as interrupted at the next start,
 * never re-run. The bot's own
 * events, {@code m.notice}s (other bots), and events older than the bot's
 * first start on this database (or than its joining the room) are ignored.
 * A room in the batch's {@code rooms.leave} (the bot left, was kicked or
 * banned) is recorded as left and none of its events is handled; joining it
 * again (an invite accepted, a configured room at start — one that
 * {@code GET /joined_rooms} does not list counts as left) makes that join the
 * room's cutoff, and so does the bot's own join event seen in a timeline
 * after its leave (or with an earlier membership other than join), so what
 * was said while it was out never runs.
 * Network errors and 5xx back off exponentially and the loop carries on. A
 * refused access token that cannot be replaced by logging in again (no
 * password configured) is said once in one line, and the loop keeps backing
 * off until the homeserver takes the token again. A homeserver that offers no
 * password login to a bot configured with one is said once in one line, and
 * the loop ends: there is nothing to retry.
 */
final class SyncLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncLoop.class);
    private static final List<String> TIMELINE_TYPES = List.of("m.room.message", "m.reaction", "m.room.encryption",
            "m.room.encrypted", "m.room.power_levels", "m.room.member", "m.room.create");
    /** The room state the bot follows: encryption, power levels, and the creation (room version, creators). */
    private static final List<String> STATE_TYPES = List.of("m.room.encryption", "m.room.power_levels", "m.room.create");
    /** Events per sync timeline and per backfill page. */
    private static final int PAGE = 100;

    private final MatrixConfig config;
    private final MatrixClient client;
    private final MatrixStore store;
    private final MatrixSendQueue sends;
    private final Rooms rooms;
    private final DirectRooms directRooms;
    private final Bot bot;
    private final Clock clock;
    private final Timing timing;
    private volatile boolean running = true;
    /** True while the loop only waits (the {@code /sync} long-poll, a backoff): a stop may interrupt it at once. */
    private volatile boolean idle;
    private String self;
    private String filterId;
    private Instant firstStart;
    private String since;

    SyncLoop(MatrixConfig config, MatrixClient client, MatrixStore store, MatrixSendQueue sends, Rooms rooms, DirectRooms directRooms,
             Bot bot, Clock clock, Timing timing) {
        this.config = config;
        this.client = client;
        this.store = store;
        this.sends = sends;
        this.rooms = rooms;
        this.directRooms = directRooms;
        this.bot = bot;
        this.clock = clock;
        this.timing = timing;
    }

    /** Asks the loop to end after the event it is handling; the batch's token is saved only if the batch was finished. */
    void stop() {
        running = false;
    }

    boolean idle() {
        return idle;
    }

    @Override
    public void run() {
        int failures = 0;
        boolean tokenRefused = false;
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                if (self == null) {
                    connect();
                }
                sends.flush();
                JsonNode batch;
                idle = true;
                try {
                    if (!running) {
                        return;
                    }
                    batch = client.sync(filterId, since, since == null ? Duration.ZERO : timing.syncTimeout());
                } finally {
                    idle = false;
                }
                if (!running) {
                    return;
                }
                if (tokenRefused) {
                    LOG.info("Matrix accepts the bot's access token again");
                    tokenRefused = false;
                }
                boolean done = handle(batch);
                String next = batch.path("next_batch").asText(null);
                if (done && next != null) {
                    store.saveSince(next);
                    since = next;
                }
                failures = 0;
            } catch (MatrixClient.LoginUnavailable e) {
                LOG.error("Matrix cannot log in: {}. The Matrix adapter stops; the rest of btr-bot runs on.", e.getMessage());
                running = false;
                return;
            } catch (RuntimeException e) {
                if (!running || Thread.currentThread().isInterrupted()) {
                    return;
                }
                failures++;
                Duration wait = timing.backoff(failures);
                if (e instanceof MatrixClient.Transient) {
                    LOG.info("Matrix unreachable ({}); retrying in {} ms", e.getMessage(), wait.toMillis());
                } else if (e instanceof MatrixClient.Rejected r && r.tokenRejected()) {
                    if (!tokenRefused) {
                        LOG.warn("Matrix refused the bot's access token ({} {}): it has expired or was revoked. Set a new "
                                + "MATRIX_ACCESS_TOKEN (or MATRIX_USER and MATRIX_PASSWORD, to log in again by itself) and restart; "
                                + "until then btr-bot retries with backoff, up to every {} s", r.status, r.errcode,
                                timing.backoffMax().toSeconds());
                        tokenRefused = true;
                    }
                } else if (e instanceof MatrixClient.Rejected r) {
                    LOG.warn("Matrix refused a request ({}); retrying in {} ms", r.getMessage(), wait.toMillis());
                } else {
                    LOG.error("Matrix sync failed; retrying in {} ms", wait.toMillis(), e);
                }
                idle = true;
                try {
                    if (!running) {
                        return;
                    }
                    MatrixClient.sleep(wait);
                } catch (MatrixClient.Transient interrupted) {
                    return;
                } finally {
                    idle = false;
                }
            }
        }
    }

    /**
     * Logs in (or asks who the token belongs to), uploads the filter, reports interrupted commands, joins the configured
     * rooms, lists the direct rooms in {@code m.direct}.
     */
    private void connect() {
        String user = client.hasToken() ? client.whoami() : client.login();
        filterId = client.uploadFilter(user, filter());
        firstStart = store.firstStart(clock.instant());
        since = store.since().orElse(null);
        List<MatrixStore.Interrupted> cut = store.interrupt(i -> MatrixSendQueue.message(i.roomId(), MatrixMessages.inReplyTo(
                MatrixMessages.notice(Reply.error("btr-bot was stopped while handling this from " + i.sender()
                        + "; it may or may not have taken effect. Check with " + MatrixMessages.PREFIX + " status or "
                        + MatrixMessages.PREFIX + " audit before repeating it.", null)), i.eventId(), null), null), clock.instant());
        cut.forEach(i -> LOG.warn("event {} in {} was being handled when the bot stopped; reported as interrupted", i.eventId(), i.roomId()));
        Set<String> in = config.rooms().isEmpty() ? null : roomsIn();
        for (String room : config.rooms()) {
            Instant now = clock.instant();
            try {
                String roomId = client.join(room, room.startsWith("!") ? via(room, List.of()) : List.of());
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
        directRooms.listAll();
        self = user;
        LOG.info("Matrix: connected as {}", self);
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

    static JsonNode filter() {
        ObjectNode f = MatrixClient.JSON.createObjectNode();
        f.putObject("presence").putArray("types");
        f.putObject("account_data").putArray("types");
        ObjectNode room = f.putObject("room");
        ObjectNode timeline = room.putObject("timeline");
        timeline.put("limit", PAGE);
        TIMELINE_TYPES.forEach(timeline.withArray("types")::add);
        ObjectNode state = room.putObject("state");
        STATE_TYPES.forEach(state.withArray("types")::add);
        room.putObject("ephemeral").putArray("types");
        room.putObject("account_data").putArray("types");
        return f;
    }

    /** The room event filter of a backfill: the same event types as the sync timeline. */
    static JsonNode backfillFilter() {
        ObjectNode f = MatrixClient.JSON.createObjectNode();
        TIMELINE_TYPES.forEach(f.withArray("types")::add);
        return f;
    }

    /** Handles a batch; false when the loop was stopped part way, so the batch's token must not be saved. */
    boolean handle(JsonNode batch) {
        // rooms the bot left, was kicked or banned from: none of their events is handled, and a later join starts afresh
        for (Iterator<String> it = batch.path("rooms").path("leave").fieldNames(); it.hasNext(); ) {
            String room = it.next();
            store.left(room, clock.instant());
            LOG.info("the bot is no longer in {} (left, kicked or banned); what is said there is ignored until it joins again", room);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = batch.path("rooms").path("invite").fields(); it.hasNext(); ) {
            var invite = it.next();
            invited(invite.getKey(), invite.getValue().path("invite_state").path("events"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = batch.path("rooms").path("join").fields(); it.hasNext(); ) {
            var joined = it.next();
            String room = joined.getKey();
            List<JsonNode> state = new ArrayList<>();
            joined.getValue().path("state").path("events").forEach(state::add);
            joined.getValue().path("state_after").path("events").forEach(state::add);
            JsonNode timeline = joined.getValue().path("timeline");
            timeline.path("events").forEach(state::add);
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
                encrypted |= type.equals("m.room.encryption") || type.equals("m.room.encrypted");
            }
            // an encrypted direct room is not written to at all (its member is told in a release room when the bot has
            // something for them); any other encrypted room gets one notice
            if (encrypted && !directRooms.encryptedNow(room)) {
                MatrixStore.Outgoing notice = MatrixSendQueue.message(room, MatrixMessages.notice(Reply.error("This room is end-to-end encrypted, "
                        + "and btr-bot cannot read or answer encrypted messages. Please run the release in an unencrypted room "
                        + "and invite the bot there.", null)), null);
                if (store.claimEncryptionNotice(room, notice, clock.instant())) {
                    sends.deliver(notice);
                }
            }
            if (store.leftAt(room).isPresent()) {
                // back in a room it had left without this loop joining it (another client, an admin): afresh from now
                store.joined(room, clock.instant());
                LOG.info("the bot is in {} again; what was said there while it was out is not taken for commands", room);
            }
            rejoined(timeline.path("events")).ifPresent(at -> store.rejoinedAt(room, at));
            Instant notBefore = store.joinedAt(room).filter(j -> j.isAfter(firstStart)).orElse(firstStart);
            List<JsonNode> events = new ArrayList<>();
            String prevBatch = timeline.path("prev_batch").asText(null);
            if (timeline.path("limited").asBoolean(false) && prevBatch != null) {
                events.addAll(backfill(room, prevBatch, notBefore));
            }
            timeline.path("events").forEach(events::add);
            for (JsonNode ev : events) {
                if (!running) {
                    return false;
                }
                event(room, ev, notBefore);
            }
            if (!events.isEmpty()) {
                store.saveLastEvent(room, events.get(events.size() - 1).path("event_id").asText());
            }
        }
        return true;
    }

    /**
     * When the bot last joined the room according to its own {@code m.room.member} events in this timeline: a join after
     * its leave or ban in the same timeline, or one whose {@code unsigned.prev_content} says it was not joined before (an
     * invite accepted, a re-join). A join that only changes its profile (previously joined) does not count.
     */
    private Optional<Instant> rejoined(JsonNode timeline) {
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

    /**
     * The events a limited timeline left out, oldest first: pages back from {@code prev_batch} until the last event seen
     * in the room, an event already taken on, one older than {@code notBefore}, the start of the room, or the bound.
     */
    private List<JsonNode> backfill(String room, String prevBatch, Instant notBefore) {
        String seen = store.lastEvent(room).orElse(null);
        int bound = timing.backfillEvents();
        int maxPages = 2 * ((bound + PAGE - 1) / PAGE);
        List<JsonNode> gap = new ArrayList<>();
        String from = prevBatch;
        int pages = 0;
        fill:
        while (from != null && running) {
            if (gap.size() >= bound || pages >= maxPages) {
                LOG.warn("the gap in {} is longer than btr-bot reaches back ({} events in {} pages); commands said before "
                        + "those were not answered", room, gap.size(), pages);
                break;
            }
            JsonNode page = client.messagesBefore(room, from, Math.min(PAGE, bound - gap.size()), backfillFilter());
            pages++;
            List<JsonNode> chunk = new ArrayList<>();
            page.path("chunk").forEach(chunk::add);
            Set<String> claimed = store.claimed(chunk.stream().map(ev -> ev.path("event_id").asText("")).toList());
            for (JsonNode ev : chunk) {
                String id = ev.path("event_id").asText("");
                if (id.equals(seen) || claimed.contains(id) || ev.path("origin_server_ts").asLong(0) < notBefore.toEpochMilli()) {
                    break fill;
                }
                gap.add(ev);
            }
            String end = page.path("end").asText(null);
            from = end == null || end.equals(from) ? null : end;
        }
        LOG.info("{}: the homeserver skipped part of the timeline; fetched {} earlier events in {} pages", room, gap.size(), pages);
        Collections.reverse(gap);
        return gap;
    }

    private void invited(String room, JsonNode inviteState) {
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
        Set<String> servers = new java.util.LinkedHashSet<>();
        users.stream().map(SyncLoop::server).filter(s -> !s.isEmpty()).forEach(servers::add);
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

    private void event(String room, JsonNode ev, Instant notBefore) {
        String eventId = ev.path("event_id").asText(null);
        String sender = ev.path("sender").asText("");
        if (eventId == null || sender.equals(self)) {
            return;
        }
        if (ev.path("origin_server_ts").asLong(0) < notBefore.toEpochMilli()) {
            return;
        }
        JsonNode content = ev.path("content");
        switch (ev.path("type").asText()) {
            case "m.room.message" -> {
                // an edit changes what was said; it is not said anew, so it never runs (whatever its fallback body reads)
                String command = "m.text".equals(content.path("msgtype").asText()) && !MatrixMessages.isEdit(content)
                        ? MatrixMessages.command(content.path("body").asText()) : null;
                if (command != null && store.claim(eventId, room, sender, clock.instant())) {
                    Reply reply = run(sender, room, command);
                    answer(eventId, List.of(MatrixSendQueue.message(room,
                            MatrixMessages.inReplyTo(MatrixMessages.notice(reply), eventId, MatrixMessages.threadRoot(content)),
                            MatrixMessages.actionsJson(reply.actions()))));
                }
            }
            case "m.reaction" -> reaction(room, eventId, sender, content.path("m.relates_to"));
            default -> {
            }
        }
    }

    private void reaction(String room, String eventId, String sender, JsonNode relation) {
        MatrixMessages.Polarity polarity = MatrixMessages.polarity(relation.path("key").asText(null));
        if (!"m.annotation".equals(relation.path("rel_type").asText()) || polarity == null) {
            return;
        }
        Optional<MatrixStore.Prompt> prompt = store.prompt(relation.path("event_id").asText(""));
        if (prompt.isEmpty()) {
            return;
        }
        List<Reply.Action> chosen = MatrixMessages.actions(prompt.get().actions()).stream()
                .filter(a -> MatrixMessages.polarity(a) == polarity).toList();
        if (chosen.isEmpty() || !store.claim(eventId, room, sender, clock.instant())) {
            return;
        }
        List<Reply> replies = chosen.stream().map(a -> run(sender, room, a.command())).toList();
        List<Reply> done = replies.stream().filter(r -> !r.isError()).toList();
        List<Reply> shown = !done.isEmpty() ? done : List.of(Reply.error(sender + "'s " + MatrixMessages.emoji(polarity)
                + " changed nothing: " + replies.get(0).title(), null));
        String thread;
        try {
            thread = MatrixMessages.threadRoot(MatrixClient.JSON.readTree(prompt.get().content()));
        } catch (java.io.IOException e) {
            thread = null;
        }
        String threadRoot = thread;
        answer(eventId, shown.stream().map(r -> MatrixSendQueue.message(room,
                MatrixMessages.inReplyTo(MatrixMessages.notice(r), prompt.get().eventId(), threadRoot),
                MatrixMessages.actionsJson(r.actions()))).toList());
    }

    private Reply run(String sender, String room, String command) {
        try {
            return bot.handle(new Invocation(new MemberId(sender), room, command));
        } catch (Refusal e) {
            return Reply.error(e.getMessage(), null);
        }
    }

    private void answer(String eventId, List<MatrixStore.Outgoing> answers) {
        store.finish(eventId, answers, clock.instant());
        answers.forEach(sends::deliver);
    }
}
