package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A homeserver on 127.0.0.1 speaking the Client-Server API calls the bot makes, held to the official spec
 * (src/test/resources/wire/matrix/spec, matrix-org/matrix-spec, Apache-2.0) by {@link MatrixSpec}: every request the
 * bot sends is checked against its operation (path, query parameters, body, and the content of every event it sends
 * against the event schemas), and every response this fake answers against the schema for its operation and status,
 * the events in it included. A deviation is collected and {@link #close} fails with the list, so the test that caused
 * it fails.
 *
 * <p>Events are a numbered stream; a {@code since} token is "s" + the last number seen. A {@code PUT
 * …/send/{type}/{txnId}} is idempotent per transaction id, as the spec requires, and the bot's sends come back in
 * later syncs like on a real server; an event over the spec's size limit (65,536 bytes in the federation format) is
 * refused 413 {@code M_TOO_LARGE}, as Synapse does. A room with more new timeline events than the uploaded filter's
 * {@code room.timeline.limit} gets only the newest ones, {@code limited} with a {@code prev_batch}, and {@code
 * /rooms/{roomId}/messages?dir=b} pages back from there; both give only the event types the filter names. Events in {@code /sync} come without {@code room_id}, as the
 * spec says; elsewhere with it. Tests script events and faults (429 with {@code retry_after_ms}, a send stored but
 * answered 500, failing syncs), the login flows offered ({@code GET /login}), rooms of other servers, and the
 * server's setting that encrypts new rooms (Synapse's {@code encryption_enabled_by_default_for_room_type}).
 *
 * <p>The bot's membership of each room is followed from its {@code m.room.member} events (joined unless told
 * otherwise): a room it was kicked from ({@link #kick}) shows once in {@code rooms.leave}, with the timeline up to the
 * kick, and then not at all; what is said there while it is out does not reach its syncs; an invite shows in
 * {@code rooms.invite} while it is pending; a {@code POST /join} of a room it is not in adds its join event (with
 * {@code unsigned.prev_content}), and the sync that carries it shows the room as newly joined, like a server with the
 * room's history readable: the newest events of the whole room, {@code limited} when there are more. Joining a room
 * of another server that this one is not in needs a {@code via} naming that server, else 404 {@code M_NOT_FOUND}
 * (the spec: "One of the servers must be participating in the room"). {@code GET /joined_rooms} lists the rooms it is
 * in.
 *
 * <p>Room state follows the filter's {@code room.state}: with {@code lazy_load_members}, a sync carries the member
 * events of who sent its timeline's events (a gap's included) and no others, and leaves out a member event it sent
 * before, as the spec lets a server do; {@code GET /rooms/{roomId}/state/m.room.member/{userId}} answers a member's
 * current one.
 */
final class FakeHomeserver implements AutoCloseable {
    static final String BOT = "@btr:example.org";
    static final String SERVER = "example.org";
    static final String TOKEN = "syt_secret_token";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One entry of the event stream: a timeline or state event of a joined room, or an invite. */
    record Entry(int pos, String section, String room, JsonNode event) {
    }

    /** A message the bot sent (once per transaction id). */
    record Sent(String room, String type, String txnId, String eventId, JsonNode content) {
        String body() {
            return content.path("body").asText();
        }

        String inReplyTo() {
            return content.path("m.relates_to").path("m.in_reply_to").path("event_id").asText(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Entry> stream = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final MatrixSpec spec = MatrixSpec.get();
    /** Every deviation from the spec seen, in words; {@link #close} fails when there is any. */
    final List<String> violations = new CopyOnWriteArrayList<>();
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final Map<String, List<Long>> putTimes = new ConcurrentHashMap<>();
    final List<String> joins = new CopyOnWriteArrayList<>();
    /** The {@code via} servers of each {@code POST /join}, in order. */
    final List<List<String>> joinVia = new CopyOnWriteArrayList<>();
    final List<String> leaves = new CopyOnWriteArrayList<>();
    final List<String> createdRooms = new CopyOnWriteArrayList<>();
    final List<String> syncs = new CopyOnWriteArrayList<>();
    final List<String> authHeaders = new CopyOnWriteArrayList<>();
    final List<JsonNode> logins = new CopyOnWriteArrayList<>();
    /** {@code GET /login} requests answered. */
    final AtomicInteger loginFlowRequests = new AtomicInteger();
    /** Every send refused 413 because the event was over the size limit. */
    final AtomicInteger tooLarge = new AtomicInteger();
    /** The query of every {@code /rooms/{roomId}/messages} request. */
    final List<Map<String, String>> pages = new CopyOnWriteArrayList<>();
    private volatile JsonNode filter = JSON.createObjectNode();
    /** The bot's global account data by type (account-data.yaml), and every PUT of it. */
    final Map<String, JsonNode> accountData = new ConcurrentHashMap<>();
    final List<JsonNode> accountDataPuts = new CopyOnWriteArrayList<>();
    private final Map<String, Sent> byTxn = new ConcurrentHashMap<>();
    /** Each room's current state: room → type + NUL + state key → event (guarded by this). */
    private final Map<String, Map<String, JsonNode>> roomState = new HashMap<>();
    private final AtomicInteger rateLimitSends = new AtomicInteger();
    private volatile long retryAfterMs;
    private final AtomicInteger loseSendResponses = new AtomicInteger();
    private final AtomicInteger failSyncs = new AtomicInteger();
    private final AtomicInteger holdSends = new AtomicInteger();
    /** The longest a {@code /sync} long-poll is held, whatever {@code timeout} asks (short, so tests stay fast). */
    volatile long longPollCapMs = 500;
    /** The login types {@code GET /login} offers; null: answered 404 {@code M_UNRECOGNIZED} (OAuth 2.0 only). */
    volatile List<String> loginFlows = List.of("m.login.password", "m.login.token");
    /** The largest event this server takes, in the federation format: the spec's limit unless a test lowers it. */
    volatile int maxEventBytes = MatrixSpec.MAX_EVENT_BYTES;
    /** Rooms this server creates are end-to-end encrypted ({@code m.room.encryption} in their initial state). */
    volatile boolean encryptNewRooms;
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    private volatile String validToken = TOKEN;
    /** The bot's membership of each room by stream position, from its m.room.member events (guarded by this). */
    private final Map<String, java.util.TreeMap<Integer, String>> membership = new HashMap<>();
    private final java.util.Set<String> knownRooms = ConcurrentHashMap.newKeySet();
    /** Rooms of other servers that this one is not in: room → the server that is. */
    private final Map<String, String> remote = new ConcurrentHashMap<>();
    private final AtomicInteger failJoinedRooms = new AtomicInteger();
    private final AtomicInteger tokens = new AtomicInteger();
    /** Requests answered 401 because of their token. */
    final AtomicInteger refused = new AtomicInteger();
    /** {@code /sync} requests answered (whatever the answer); {@link #syncs} counts those asked. */
    final AtomicInteger syncsAnswered = new AtomicInteger();
    /** Sends stored and held unanswered right now ({@link #holdNextSends}). */
    final AtomicInteger sendsHeld = new AtomicInteger();
    /** Every {@code GET /rooms/{roomId}/state/m.room.member/{userId}}, as "room user". */
    final List<String> memberReads = new CopyOnWriteArrayList<>();
    /** The member events a lazy-loading sync has sent (their event ids): not sent again, as redundant. */
    private final java.util.Set<String> membersSent = ConcurrentHashMap.newKeySet();

    FakeHomeserver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/_matrix/client/v3/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    // ---- scripting ----

    String message(String room, String sender, String msgtype, String body, long ts) {
        ObjectNode content = JSON.createObjectNode().put("msgtype", msgtype).put("body", body);
        return timeline(room, sender, "m.room.message", content, ts);
    }

    String command(String room, String sender, String body) {
        return message(room, sender, "m.text", body, System.currentTimeMillis());
    }

    String react(String room, String sender, String target, String key) {
        ObjectNode content = JSON.createObjectNode();
        content.putObject("m.relates_to").put("rel_type", "m.annotation").put("event_id", target).put("key", key);
        return timeline(room, sender, "m.reaction", content, System.currentTimeMillis());
    }

    /** A member edits their message {@code original}: {@code m.new_content} is the new text, {@code body} the fallback. */
    String edit(String room, String sender, String original, String fallback, String newBody) {
        ObjectNode content = JSON.createObjectNode().put("msgtype", "m.text").put("body", fallback);
        content.putObject("m.new_content").put("msgtype", "m.text").put("body", newBody);
        content.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", original);
        return timeline(room, sender, "m.room.message", content, System.currentTimeMillis());
    }

    String timeline(String room, String sender, String type, JsonNode content, long ts) {
        String id = "$ev" + ids.incrementAndGet() + ":" + SERVER;
        ObjectNode ev = JSON.createObjectNode().put("event_id", id).put("sender", sender).put("type", type).put("origin_server_ts", ts);
        ev.set("content", content);
        ev.putObject("unsigned").put("age", 0);
        append("timeline", room, ev);
        return id;
    }

    void state(String room, String type, JsonNode content) {
        state(room, "@admin:" + SERVER, type, "", content);
    }

    synchronized void state(String room, String sender, String type, String stateKey, JsonNode content) {
        ObjectNode ev = JSON.createObjectNode().put("event_id", "$st" + ids.incrementAndGet() + ":" + SERVER)
                .put("sender", sender).put("type", type).put("state_key", stateKey).put("origin_server_ts", System.currentTimeMillis());
        ev.set("content", content);
        append("state", room, ev);
    }

    /** A member's {@code m.room.member} event in the room's state (as a joined member's is before the bot's syncs). */
    void memberState(String room, String user, String displayName) {
        state(room, user, "m.room.member", user, memberContent(displayName));
    }

    /** A member changes their display name in the room: their {@code m.room.member} event in the timeline. */
    synchronized String renamed(String room, String user, String displayName) {
        String id = "$ev" + ids.incrementAndGet() + ":" + SERVER;
        ObjectNode ev = JSON.createObjectNode().put("event_id", id).put("sender", user).put("type", "m.room.member")
                .put("state_key", user).put("origin_server_ts", System.currentTimeMillis());
        ev.set("content", memberContent(displayName));
        ev.putObject("unsigned").put("age", 0).putObject("prev_content").put("membership", "join");
        append("timeline", room, ev);
        return id;
    }

    private static ObjectNode memberContent(String displayName) {
        ObjectNode content = JSON.createObjectNode().put("membership", "join");
        if (displayName != null) {
            content.put("displayname", displayName);
        }
        return content;
    }

    /** The room's {@code m.room.create}: sent by {@code creator}, of that room version, with these additional creators. */
    void created(String room, String creator, String version, String... additionalCreators) {
        ObjectNode content = JSON.createObjectNode().put("room_version", version);
        if (additionalCreators.length > 0) {
            ArrayNode more = content.putArray("additional_creators");
            for (String c : additionalCreators) {
                more.add(c);
            }
        }
        state(room, creator, "m.room.create", "", content);
    }

    /** The room lives on {@code server}, which this homeserver is not in: a join needs a {@code via} naming it. */
    void remoteRoom(String room, String server) {
        remote.put(room, server);
    }

    void invite(String room, String inviter) {
        ObjectNode ev = JSON.createObjectNode().put("sender", inviter).put("type", "m.room.member").put("state_key", BOT);
        ev.putObject("content").put("membership", "invite");
        append("invite", room, ev);
    }

    /** An admin kicks the bot from the room: the next sync has the room in {@code rooms.leave}. */
    void kick(String room) {
        member(room, "@admin:" + SERVER, "leave");
    }

    /** The next {@code n} {@code GET /joined_rooms} are answered 502. */
    void failNextJoinedRooms(int n) {
        failJoinedRooms.set(n);
    }

    /** The bot's membership of the room now. */
    synchronized String membership(String room) {
        return membershipAt(room, stream.size());
    }

    /** After the event at {@code pos}; joined when nothing says otherwise (a room of another server: not joined). */
    private synchronized String membershipAt(String room, int pos) {
        var changes = membership.get(room);
        var at = changes == null ? null : changes.floorEntry(pos);
        return at != null ? at.getValue() : remote.containsKey(room) ? "leave" : "join";
    }

    /** A change of the bot's membership, as a timeline event with the previous membership in {@code unsigned}. */
    private synchronized String member(String room, String sender, String to) {
        String id = "$ev" + ids.incrementAndGet() + ":" + SERVER;
        ObjectNode ev = JSON.createObjectNode().put("event_id", id).put("sender", sender).put("type", "m.room.member")
                .put("state_key", BOT).put("origin_server_ts", System.currentTimeMillis());
        ev.putObject("content").put("membership", to);
        ev.putObject("unsigned").put("age", 0).putObject("prev_content").put("membership", membership(room));
        append("timeline", room, ev);
        return id;
    }

    void rateLimitNextSends(int n, long retryAfter) {
        retryAfterMs = retryAfter;
        rateLimitSends.set(n);
    }

    void loseNextSendResponses(int n) {
        loseSendResponses.set(n);
    }

    /** The next {@code n} sends are stored (they show in the room) but not answered until {@link #releaseHeldSends}. */
    void holdNextSends(int n) {
        holdSends.set(n);
    }

    void releaseHeldSends() {
        released.countDown();
    }

    void failNextSyncs(int n) {
        failSyncs.set(n);
    }

    /** The token in use stops working (expired, revoked); a password login gets the returned new one. */
    String revokeToken() {
        validToken = TOKEN + "-" + tokens.incrementAndGet();
        return validToken;
    }

    /** {@link #TOKEN} works again. */
    void restoreToken() {
        validToken = TOKEN;
    }

    private synchronized void append(String section, String room, JsonNode ev) {
        int pos = stream.size() + 1;
        stream.add(new Entry(pos, section, room, ev));
        knownRooms.add(room);
        if (ev.path("type").asText().equals("m.room.member") && BOT.equals(ev.path("state_key").asText(null))) {
            membership.computeIfAbsent(room, r -> new java.util.TreeMap<>()).put(pos, ev.path("content").path("membership").asText());
        }
        if (ev.has("state_key") && !section.equals("invite")) {
            roomState.computeIfAbsent(room, r -> new HashMap<>()).put(ev.path("type").asText() + "\0" + ev.path("state_key").asText(), ev);
        }
        notifyAll();
    }

    List<Sent> sentTo(String room) {
        return sent.stream().filter(s -> s.room().equals(room)).toList();
    }

    // ---- the API ----

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authHeaders.add(auth);
            }
            String rawPath = ex.getRequestURI().getRawPath();
            List<String> path = Arrays.stream(rawPath.substring("/_matrix/client/v3/".length()).split("/", -1))
                    .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
            Map<String, List<String>> query = query(ex.getRequestURI().getRawQuery());
            String method = ex.getRequestMethod();
            String text = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            spec.request(method, rawPath, query, text.isEmpty() ? null : text).forEach(v -> violations.add("request " + v));
            JsonNode body = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            boolean open = path.get(0).equals("login");
            if (!open && !("Bearer " + validToken).equals(auth)) {
                refused.incrementAndGet();
                respond(ex, 401, auth == null ? "{\"errcode\":\"M_MISSING_TOKEN\",\"error\":\"Missing access token\"}"
                        : "{\"errcode\":\"M_UNKNOWN_TOKEN\",\"error\":\"Invalid access token\",\"soft_logout\":false}");
                return;
            }
            switch (path.get(0)) {
                case "login" -> login(ex, method, body);
                case "account" -> {
                    if (path.size() == 2 && path.get(1).equals("whoami")) {
                        respond(ex, 200, JSON.createObjectNode().put("user_id", BOT).put("device_id", "BTRBOT").toString());
                    } else {
                        unrecognized(ex);
                    }
                }
                case "user" -> user(ex, method, path, body);
                case "sync" -> {
                    try {
                        sync(ex, query);
                    } finally {
                        syncsAnswered.incrementAndGet();
                    }
                }
                case "join" -> join(ex, path.get(1), query.getOrDefault("via", List.of()));
                case "joined_rooms" -> {
                    if (failJoinedRooms.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        respond(ex, 502, "Bad Gateway");
                        return;
                    }
                    ObjectNode answer = JSON.createObjectNode();
                    var list = answer.putArray("joined_rooms");
                    knownRooms.stream().sorted().filter(r -> membership(r).equals("join")).forEach(list::add);
                    respond(ex, 200, answer.toString());
                }
                case "createRoom" -> createRoom(ex, body);
                case "directory" -> respond(ex, 200, JSON.createObjectNode().put("room_id", "!aliased:" + SERVER).set("servers",
                        JSON.createArrayNode().add(SERVER)).toString());
                case "rooms" -> rooms(ex, method, path, query, body);
                default -> unrecognized(ex);
            }
        }
    }

    private void unrecognized(HttpExchange ex) throws IOException {
        respond(ex, 404, "{\"errcode\":\"M_UNRECOGNIZED\",\"error\":\"Unrecognized request\"}");
    }

    private void login(HttpExchange ex, String method, JsonNode body) throws IOException {
        if (method.equals("GET")) {
            loginFlowRequests.incrementAndGet();
            List<String> flows = loginFlows;
            if (flows == null) {
                respond(ex, 404, "{\"errcode\":\"M_UNRECOGNIZED\",\"error\":\"OAuth 2.0 authentication is in use on this homeserver.\"}");
                return;
            }
            ObjectNode answer = JSON.createObjectNode();
            flows.forEach(f -> answer.withArray("flows").addObject().put("type", f));
            respond(ex, 200, answer.toString());
            return;
        }
        logins.add(body);
        List<String> flows = loginFlows;
        if (flows == null || !flows.contains(body.path("type").asText())) {
            respond(ex, 400, "{\"errcode\":\"M_UNKNOWN\",\"error\":\"Unknown login type " + body.path("type").asText() + "\"}");
            return;
        }
        respond(ex, 200, JSON.createObjectNode().put("user_id", BOT).put("access_token", validToken)
                .put("device_id", body.path("device_id").asText()).toString());
    }

    private void join(HttpExchange ex, String roomIdOrAlias, List<String> via) throws IOException {
        joins.add(roomIdOrAlias);
        joinVia.add(List.copyOf(via));
        String room = roomIdOrAlias.startsWith("#") ? "!aliased:" + SERVER : roomIdOrAlias;
        synchronized (this) {
            String host = remote.get(room);
            if (host != null && !membership(room).equals("join") && !via.contains(host)) {
                // a room of another server: without a server in the room to ask, this one cannot join it
                respond(ex, 404, "{\"errcode\":\"M_NOT_FOUND\",\"error\":\"No known servers\"}");
                return;
            }
            knownRooms.add(room);
            if (!membership(room).equals("join")) {
                member(room, BOT, "join");
            }
        }
        respond(ex, 200, JSON.createObjectNode().put("room_id", room).toString());
    }

    /** A new room with the initial state a homeserver gives it (create, members, power levels, encryption if set). */
    private void createRoom(HttpExchange ex, JsonNode body) throws IOException {
        String room = "!dm" + ids.incrementAndGet() + ":" + SERVER;
        String invitee = body.path("invite").path(0).asText();
        createdRooms.add(room + " " + invitee + " direct=" + body.path("is_direct").asBoolean());
        synchronized (this) {
            state(room, BOT, "m.room.create", "", JSON.createObjectNode().put("room_version", "11"));
            state(room, BOT, "m.room.member", BOT, JSON.createObjectNode().put("membership", "join"));
            ObjectNode levels = JSON.createObjectNode();
            levels.putObject("users").put(BOT, 100).put(invitee, 100);
            state(room, BOT, "m.room.power_levels", "", levels);
            state(room, BOT, "m.room.join_rules", "", JSON.createObjectNode().put("join_rule", "invite"));
            if (encryptNewRooms) {
                state(room, BOT, "m.room.encryption", "", JSON.createObjectNode().put("algorithm", "m.megolm.v1.aes-sha2"));
            }
            state(room, BOT, "m.room.member", invitee, JSON.createObjectNode().put("membership", "invite")
                    .put("is_direct", body.path("is_direct").asBoolean()));
        }
        respond(ex, 200, JSON.createObjectNode().put("room_id", room).toString());
    }

    private void user(HttpExchange ex, String method, List<String> path, JsonNode body) throws IOException {
        if (path.size() == 3 && path.get(2).equals("filter")) {
            filter = body;
            respond(ex, 200, "{\"filter_id\":\"f1\"}");
            return;
        }
        if (path.size() == 4 && path.get(2).equals("account_data")) {
            if (!path.get(1).equals(BOT)) {
                respond(ex, 403, "{\"errcode\":\"M_FORBIDDEN\",\"error\":\"Cannot add account data for other users.\"}");
            } else if (method.equals("PUT")) {
                accountData.put(path.get(3), body);
                accountDataPuts.add(body);
                respond(ex, 200, "{}");
            } else {
                JsonNode data = accountData.get(path.get(3));
                respond(ex, data == null ? 404 : 200, data == null ? "{\"errcode\":\"M_NOT_FOUND\",\"error\":\"Account data not found.\"}"
                        : data.toString());
            }
            return;
        }
        unrecognized(ex);
    }

    private void rooms(HttpExchange ex, String method, List<String> path, Map<String, List<String>> query, JsonNode body)
            throws IOException {
        String room = path.get(1);
        switch (path.get(2)) {
            case "messages" -> messages(ex, room, query);
            case "leave" -> {
                leaves.add(room);
                synchronized (this) {
                    if (!membership(room).equals("leave")) {
                        member(room, BOT, "leave");
                    }
                }
                respond(ex, 200, "{}");
            }
            case "state" -> {
                String key = path.get(3) + "\0" + (path.size() > 4 ? path.get(4) : "");
                if (path.get(3).equals("m.room.member")) {
                    memberReads.add(room + " " + key.substring(key.indexOf('\0') + 1));
                }
                JsonNode ev;
                synchronized (this) {
                    ev = roomState.getOrDefault(room, Map.of()).get(key);
                }
                if (ev == null) {
                    respond(ex, 404, "{\"errcode\":\"M_NOT_FOUND\",\"error\":\"Event not found.\"}");
                } else if (query.getOrDefault("format", List.of()).contains("event")) {
                    respond(ex, 200, withRoom(ev, room).toString());
                } else {
                    respond(ex, 200, ev.path("content").toString());
                }
            }
            case "send" -> send(ex, room, path.get(3), path.get(4), body);
            default -> unrecognized(ex);
        }
    }

    private void send(HttpExchange ex, String room, String type, String txn, JsonNode body) throws IOException {
        putTimes.computeIfAbsent(txn, k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
        if (rateLimitSends.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            respond(ex, 429, "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"error\":\"Too many requests\",\"retry_after_ms\":" + retryAfterMs + "}");
            return;
        }
        if (federationSize(room, type, body) > maxEventBytes) {
            tooLarge.incrementAndGet();
            respond(ex, 413, "{\"errcode\":\"M_TOO_LARGE\",\"error\":\"event too large\"}");
            return;
        }
        Sent s;
        synchronized (this) {
            s = byTxn.get(txn);
            if (s == null) {
                String id = timeline(room, BOT, type, body, System.currentTimeMillis());
                s = new Sent(room, type, txn, id, body);
                byTxn.put(txn, s);
                sent.add(s);
            }
        }
        if (holdSends.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            sendsHeld.incrementAndGet();
            try {
                released.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                sendsHeld.decrementAndGet();
            }
        }
        if (loseSendResponses.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            respond(ex, 500, "{\"errcode\":\"M_UNKNOWN\",\"error\":\"lost on the way back\"}");
            return;
        }
        respond(ex, 200, JSON.createObjectNode().put("event_id", s.eventId()).toString());
    }

    /**
     * The size of the event as the spec measures it: in the federation format, with the fields a homeserver adds
     * (auth and previous events, depth, hashes, signatures) at their usual sizes.
     */
    private int federationSize(String room, String type, JsonNode content) {
        ObjectNode pdu = JSON.createObjectNode().put("room_id", room).put("sender", BOT).put("type", type)
                .put("origin_server_ts", System.currentTimeMillis()).put("depth", 1_000_000);
        pdu.set("content", content);
        for (String field : List.of("auth_events", "prev_events")) {
            ArrayNode ids = pdu.putArray(field);
            for (int i = 0; i < (field.equals("auth_events") ? 4 : 1); i++) {
                ids.add("$" + "A".repeat(43));
            }
        }
        pdu.putObject("hashes").put("sha256", "B".repeat(43));
        pdu.putObject("signatures").putObject(SERVER).put("ed25519:a_AbCd", "C".repeat(86));
        pdu.putObject("unsigned").put("age_ts", System.currentTimeMillis());
        return pdu.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static JsonNode withRoom(JsonNode ev, String room) {
        ObjectNode copy = ev.deepCopy();
        copy.put("room_id", room);
        return copy;
    }

    private void sync(HttpExchange ex, Map<String, List<String>> query) throws IOException {
        String sinceToken = first(query, "since");
        syncs.add(sinceToken == null ? "" : sinceToken);
        if (failSyncs.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            respond(ex, 502, "Bad Gateway");
            return;
        }
        int since = sinceToken != null ? Integer.parseInt(sinceToken.substring(1)) : 0;
        long timeout;
        try {
            timeout = Long.parseLong(Objects.requireNonNullElse(first(query, "timeout"), "0"));
        } catch (NumberFormatException e) {
            respond(ex, 400, "{\"errcode\":\"M_INVALID_PARAM\",\"error\":\"timeout must be an integer\"}");
            return;
        }
        List<Entry> fresh;
        synchronized (this) {
            long deadline = System.currentTimeMillis() + Math.min(timeout, longPollCapMs);
            while (stream.size() <= since && System.currentTimeMillis() < deadline) {
                try {
                    wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            fresh = List.copyOf(stream.subList(Math.min(since, stream.size()), stream.size()));
        }
        int end = since + fresh.size();
        ObjectNode answer = JSON.createObjectNode().put("next_batch", "s" + end);
        ObjectNode rooms = answer.putObject("rooms");
        int limit = filter.path("room").path("timeline").path("limit").asInt(Integer.MAX_VALUE);
        JsonNode timelineTypes = filter.path("room").path("timeline").path("types");
        JsonNode stateTypes = filter.path("room").path("state").path("types");
        Map<String, List<Entry>> timelines = new LinkedHashMap<>();
        Map<String, List<Entry>> states = new LinkedHashMap<>();
        java.util.Set<String> joinedNow = new java.util.HashSet<>();
        java.util.Set<String> leftNow = new java.util.HashSet<>();
        for (Entry e : fresh) {
            String endMembership = membershipAt(e.room(), end);
            if (e.section().equals("invite")) {
                if (endMembership.equals("invite")) {
                    rooms.with("invite").with(e.room()).with("invite_state").withArray("events").add(e.event());
                }
                continue;
            }
            JsonNode ev = e.event();
            if (ev.path("type").asText().equals("m.room.member") && BOT.equals(ev.path("state_key").asText(null))) {
                (ev.path("content").path("membership").asText().equals("join") ? joinedNow : leftNow).add(e.room());
            }
            if (e.section().equals("state")) {
                if (matches(stateTypes, ev)) {
                    states.computeIfAbsent(e.room(), r -> new ArrayList<>()).add(e);
                }
            } else if ((membershipAt(e.room(), e.pos() - 1).equals("join") || membershipAt(e.room(), e.pos()).equals("join"))
                    && matches(timelineTypes, ev)) {
                timelines.computeIfAbsent(e.room(), r -> new ArrayList<>()).add(e);
            }
        }
        java.util.Set<String> touched = new java.util.LinkedHashSet<>(states.keySet());
        touched.addAll(timelines.keySet());
        touched.addAll(joinedNow);
        for (String r : touched) {
            String endMembership = membershipAt(r, end);
            List<Entry> events = timelines.getOrDefault(r, List.of());
            ObjectNode room;
            if (endMembership.equals("join")) {
                room = joined(rooms, r);
                if (joinedNow.contains(r)) {
                    // newly joined: the newest events of the whole room, its history being readable
                    synchronized (this) {
                        events = stream.subList(0, end).stream().filter(e -> e.section().equals("timeline") && e.room().equals(r)
                                && matches(timelineTypes, e.event())).toList();
                    }
                }
                ObjectNode state = room.with("state");
                stateOf(r, states.getOrDefault(r, List.of()), events, limit).forEach(ev -> state.withArray("events").add(ev));
            } else if ((endMembership.equals("leave") || endMembership.equals("ban")) && leftNow.contains(r)) {
                room = rooms.with("leave").putObject(r);
                room.putObject("timeline").put("limited", false).putArray("events");
                room.putObject("state").putArray("events");
            } else {
                continue;
            }
            ObjectNode timeline = room.with("timeline");
            List<Entry> shown = events.size() > limit ? events.subList(events.size() - limit, events.size()) : events;
            if (shown.size() < events.size()) {
                timeline.put("limited", true).put("prev_batch", "s" + (shown.get(0).pos() - 1));
            }
            shown.forEach(e -> timeline.withArray("events").add(e.event()));
        }
        respond(ex, 200, answer.toString());
    }

    /**
     * The state section of a joined room: the state events of the window, and, with lazy-loading members (the filter's
     * {@code room.state.lazy_load_members}), only the member events of who sent the timeline's events (those in a gap
     * of a limited timeline included) and of the bot, plus those senders' current member events not sent before (sync.yaml:
     * the server may leave out what it already sent; it must send them for the events of a gap).
     */
    private List<JsonNode> stateOf(String room, List<Entry> window, List<Entry> timeline, int limit) {
        boolean lazy = filter.path("room").path("state").path("lazy_load_members").asBoolean(false);
        List<JsonNode> out = new ArrayList<>();
        java.util.Set<String> senders = new java.util.LinkedHashSet<>();
        timeline.forEach(e -> senders.add(e.event().path("sender").asText()));
        for (Entry e : window) {
            JsonNode ev = e.event();
            boolean member = ev.path("type").asText().equals("m.room.member");
            String who = ev.path("state_key").asText();
            if (!lazy || !member || senders.contains(who) || who.equals(BOT)) {
                out.add(ev);
                if (member) {
                    membersSent.add(ev.path("event_id").asText());
                }
            }
        }
        if (!lazy) {
            return out;
        }
        List<Entry> shown = timeline.size() > limit ? timeline.subList(timeline.size() - limit, timeline.size()) : timeline;
        shown.stream().filter(e -> e.event().path("type").asText().equals("m.room.member"))
                .forEach(e -> membersSent.add(e.event().path("event_id").asText()));
        for (String sender : senders) {
            JsonNode current;
            synchronized (this) {
                current = roomState.getOrDefault(room, Map.of()).get("m.room.member\0" + sender);
            }
            if (current != null && !out.contains(current) && membersSent.add(current.path("event_id").asText())) {
                out.add(current);
            }
        }
        return out;
    }

    private static ObjectNode joined(ObjectNode rooms, String room) {
        ObjectNode join = rooms.with("join");
        if (!join.has(room)) {
            ObjectNode n = join.putObject(room);
            n.putObject("timeline").put("limited", false).putArray("events");
            n.putObject("state").putArray("events");
        }
        return (ObjectNode) join.get(room);
    }

    /** {@code dir=b} only: the room's timeline events at or before {@code from}, newest first, of the filter's types. */
    private void messages(HttpExchange ex, String room, Map<String, List<String>> query) throws IOException {
        Map<String, String> single = new HashMap<>();
        query.forEach((k, v) -> single.put(k, v.get(0)));
        pages.add(single);
        int from = Integer.parseInt(single.get("from").substring(1));
        int limit = Integer.parseInt(single.getOrDefault("limit", "10"));
        JsonNode types = JSON.readTree(single.getOrDefault("filter", "{}")).path("types");
        List<Entry> older;
        synchronized (this) {
            older = stream.subList(0, Math.min(from, stream.size())).stream()
                    .filter(e -> e.section().equals("timeline") && e.room().equals(room))
                    .filter(e -> matches(types, e.event()))
                    .sorted(Comparator.comparingInt(Entry::pos).reversed()).toList();
        }
        List<Entry> chunk = older.subList(0, Math.min(limit, older.size()));
        ObjectNode answer = JSON.createObjectNode().put("start", single.get("from"));
        answer.withArray("chunk");
        chunk.forEach(e -> answer.withArray("chunk").add(withRoom(e.event(), room)));
        if (chunk.size() < older.size()) {
            answer.put("end", "s" + (chunk.get(chunk.size() - 1).pos() - 1));
        }
        respond(ex, 200, answer.toString());
    }

    /** An event filter's {@code types} (event_filter.yaml: absent means all; {@code *} is a wildcard) let the event through. */
    private static boolean matches(JsonNode types, JsonNode event) {
        if (!types.isArray()) {
            return true;
        }
        String type = event.path("type").asText();
        for (JsonNode t : types) {
            if (type.matches(java.util.regex.Pattern.quote(t.asText()).replace("*", "\\E.*\\Q"))) {
                return true;
            }
        }
        return false;
    }

    private static String first(Map<String, List<String>> query, String key) {
        List<String> values = query.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                q.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return q;
    }

    /** Answers, after holding the answer to the spec (its operation's schema for that status, and the events in it). */
    private void respond(HttpExchange ex, int status, String body) throws IOException {
        // The query is read again from the request: on Java 17 an exchange's attributes are its server context's,
        // shared by every exchange in flight (a concurrent /sync once lent its query to a state read).
        spec.response(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), query(ex.getRequestURI().getRawQuery()), status, body)
                .forEach(v -> violations.add("response " + v));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** Stops the server; fails when anything it saw or answered deviated from the spec. */
    @Override
    public void close() {
        released.countDown();
        synchronized (this) {
            notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
        if (!violations.isEmpty()) {
            throw new AssertionError("the fake homeserver saw " + violations.size() + " deviation(s) from the Matrix spec:\n  "
                    + String.join("\n  ", new java.util.LinkedHashSet<>(violations)));
        }
    }
}
