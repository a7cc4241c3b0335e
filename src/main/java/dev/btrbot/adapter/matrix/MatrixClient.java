package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few Client-Server API calls the bot makes, each one request through
 * {@link MatrixHttp} (which waits out 429s). Errors are thrown for the caller
 * to decide: {@link Transient} (network, 5xx) is worth retrying with backoff,
 * {@link Rejected} (4xx) is not.
 *
 * <p>With a password login configured, a token the homeserver no longer
 * knows (401, {@code M_UNKNOWN_TOKEN}: expired, revoked, logged out) is
 * replaced by logging in again with the same fixed device id, and the call is
 * made once more; a repeated transaction id keeps its scope, since that scope
 * is the device. Without one, the 401 is thrown as a {@link Rejected} whose
 * {@link Rejected#tokenRejected()} says so.
 */
final class MatrixClient {
    private static final Logger LOG = LoggerFactory.getLogger(MatrixClient.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final MatrixHttp http;
    private final URI base;
    private final Login login;
    private volatile String userId;

    /** {@code login} may be null (token only); with it, a rejected or missing token is replaced by logging in. */
    MatrixClient(URI homeserver, String accessToken, Login login, Timing timing, Sleeper sleeper) {
        this.base = homeserver;
        this.login = login;
        this.http = new MatrixHttp(homeserver, accessToken, timing, sleeper, this::renew);
    }

    /** Password login details; the password never shows in {@link #toString()}. */
    record Login(String user, String password, String deviceId) {
        @Override
        public String toString() {
            return "Login[user=" + user + ", deviceId=" + deviceId + "]";
        }
    }

    /** A network error or a 5xx: the request may or may not have taken effect; retrying is safe where the call is idempotent. */
    static final class Transient extends RuntimeException {
        Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The homeserver refused the request (4xx other than 429). */
    static final class Rejected extends RuntimeException {
        final int status;
        final String errcode;

        Rejected(int status, String errcode, String message) {
            super(status + " " + errcode + ": " + message);
            this.status = status;
            this.errcode = errcode;
        }

        /** The homeserver does not accept the access token (401: unknown, expired, revoked or missing). */
        boolean tokenRejected() {
            return status == 401;
        }
    }

    /**
     * The homeserver offers no way for the bot to log in with a password (its {@code GET /login} flows have no {@code
     * m.login.password}, or it signs in with OAuth 2.0 only): nothing to retry, the message says what to configure.
     */
    static final class LoginUnavailable extends RuntimeException {
        LoginUnavailable(String message) {
            super(message);
        }
    }

    boolean hasToken() {
        return http.hasToken();
    }

    boolean canLogIn() {
        return login != null && login.user() != null && login.password() != null;
    }

    /**
     * Password login with the fixed device id (so transaction ids keep their scope across restarts); keeps the token in
     * memory only. Returns the bot's user id.
     */
    String login() {
        if (!canLogIn()) {
            throw new IllegalStateException("no MATRIX_USER and MATRIX_PASSWORD to log in with");
        }
        passwordLoginOffered();
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "m.login.password");
        body.putObject("identifier").put("type", "m.id.user").put("user", login.user());
        body.put("password", login.password());
        body.put("device_id", login.deviceId());
        body.put("initial_device_display_name", "btr-bot");
        JsonNode answer = http.call("POST", "/login", Map.of(), body, Duration.ofSeconds(30), false);
        String token = answer.path("access_token").asText(null);
        if (token == null) {
            throw new Rejected(200, "M_UNKNOWN", "login answered without an access token");
        }
        http.token(token);
        userId = answer.path("user_id").asText();
        return userId;
    }

    /**
     * Asks the homeserver which login flows it offers ({@code GET /login}); throws {@link LoginUnavailable} when
     * password login is not one of them.
     */
    private void passwordLoginOffered() {
        String instead = "; set MATRIX_ACCESS_TOKEN to an access token of the bot's account instead of MATRIX_USER and MATRIX_PASSWORD";
        JsonNode flows;
        try {
            flows = http.call("GET", "/login", Map.of(), null, Duration.ofSeconds(30), false).path("flows");
        } catch (Rejected e) {
            if (e.status == 404) {
                throw new LoginUnavailable(base + " does not offer password login: it answers GET /login with 404 " + e.errcode
                        + " (it signs in with OAuth 2.0)" + instead);
            }
            throw e;
        }
        List<String> types = new ArrayList<>();
        flows.forEach(f -> types.add(f.path("type").asText()));
        if (!types.contains("m.login.password")) {
            throw new LoginUnavailable(base + " does not offer password login (it offers " + (types.isEmpty() ? "no login flow"
                    : String.join(", ", types)) + ")" + instead);
        }
    }

    /** Replaces the token that was refused, unless another thread already did. */
    private synchronized void logInAgain(String refused, String errcode) {
        if (hasToken() && !http.token().equals(refused)) {
            return;
        }
        LOG.warn("Matrix refused the bot's access token ({}); logging in again as {} with device {}", errcode, login.user(),
                login.deviceId());
        login();
    }

    /** A 401 for the token {@code refused}: true when a password login put a new token in place (the request is made again). */
    private boolean renew(String refused, String errcode) {
        if (!canLogIn()) {
            return false;
        }
        logInAgain(refused, errcode);
        return true;
    }

    String whoami() {
        userId = http.call("GET", "/account/whoami", Map.of(), null, Duration.ofSeconds(30), true).path("user_id").asText();
        return userId;
    }

    /** The bot's own user id, asked once. */
    String userId() {
        String known = userId;
        return known != null ? known : whoami();
    }

    String uploadFilter(String userId, JsonNode filter) {
        return http.call("POST", "/user/" + seg(userId) + "/filter", Map.of(), filter, Duration.ofSeconds(30), true)
                .path("filter_id").asText();
    }

    JsonNode sync(String filterId, String since, Duration timeout) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("filter", List.of(filterId));
        query.put("timeout", List.of(Long.toString(timeout.toMillis())));
        if (since != null) {
            query.put("since", List.of(since));
        }
        return http.call("GET", "/sync", query, null, timeout.plusSeconds(30), true);
    }

    /**
     * One page of a room's events going back in time ({@code dir=b}) from a {@code prev_batch} or {@code end} token,
     * newest first: {@code chunk}, and {@code end} to ask for the page before it (absent at the start of the room).
     */
    JsonNode messagesBefore(String roomId, String from, int limit, JsonNode filter) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("dir", List.of("b"));
        query.put("from", List.of(from));
        query.put("limit", List.of(Integer.toString(limit)));
        query.put("filter", List.of(filter.toString()));
        return http.call("GET", "/rooms/" + seg(roomId) + "/messages", query, null, Duration.ofSeconds(30), true);
    }

    /**
     * Joins (or stays in) a room; returns its room id as the homeserver answers it. {@code via}: servers in the room to
     * join through, which a homeserver not yet in the room needs for a room id (the {@code via} query parameter, formerly
     * {@code server_name}); none for an alias, which names its server.
     */
    String join(String roomIdOrAlias, List<String> via) {
        Map<String, List<String>> query = via.isEmpty() ? Map.of() : Map.of("via", List.copyOf(via));
        String roomId = http.call("POST", "/join/" + seg(roomIdOrAlias), query, JSON.createObjectNode(), Duration.ofSeconds(30), true)
                .path("room_id").asText("");
        return roomId.isEmpty() ? roomIdOrAlias : roomId;
    }

    /** The rooms the bot is in now ({@code GET /joined_rooms}: {@code {"joined_rooms": ["!…", …]}}). */
    java.util.Set<String> joinedRooms() {
        JsonNode list = http.call("GET", "/joined_rooms", Map.of(), null, Duration.ofSeconds(30), true).path("joined_rooms");
        if (!list.isArray()) {
            throw new Rejected(200, "M_UNKNOWN", "joined_rooms answered without a joined_rooms list");
        }
        java.util.Set<String> rooms = new java.util.HashSet<>();
        list.forEach(r -> rooms.add(r.asText()));
        return rooms;
    }

    void leave(String roomId) {
        http.call("POST", "/rooms/" + seg(roomId) + "/leave", Map.of(), JSON.createObjectNode(), Duration.ofSeconds(30), true);
    }

    /** Idempotent per transaction id: sending the same txn again returns the same event id. */
    String send(String roomId, String eventType, String txnId, String content) {
        return http.call("PUT", "/rooms/" + seg(roomId) + "/send/" + seg(eventType) + "/" + seg(txnId), Map.of(), content,
                Duration.ofSeconds(30), true).path("event_id").asText();
    }

    String createDirectRoom(String member) {
        ObjectNode body = JSON.createObjectNode();
        body.put("preset", "trusted_private_chat");
        body.put("is_direct", true);
        body.putArray("invite").add(member);
        return http.call("POST", "/createRoom", Map.of(), body, Duration.ofSeconds(30), true).path("room_id").asText();
    }

    /** The account data of this type, if it was ever set (404 {@code M_NOT_FOUND}: empty). */
    Optional<JsonNode> accountData(String userId, String type) {
        try {
            return Optional.of(http.call("GET", "/user/" + seg(userId) + "/account_data/" + seg(type), Map.of(), null,
                    Duration.ofSeconds(30), true));
        } catch (Rejected e) {
            if (e.status == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    void putAccountData(String userId, String type, JsonNode content) {
        http.call("PUT", "/user/" + seg(userId) + "/account_data/" + seg(type), Map.of(), content, Duration.ofSeconds(30), true);
    }

    String resolveAlias(String alias) {
        return http.call("GET", "/directory/room/" + seg(alias), Map.of(), null, Duration.ofSeconds(30), true).path("room_id").asText();
    }

    Optional<JsonNode> powerLevels(String roomId) {
        try {
            return Optional.of(http.call("GET", "/rooms/" + seg(roomId) + "/state/m.room.power_levels/", Map.of(), null,
                    Duration.ofSeconds(10), true));
        } catch (Rejected e) {
            return Optional.empty();
        }
    }

    /** A state event of the room (with an empty state key) as a whole event, sender included ({@code format=event}); empty when it has none. */
    Optional<JsonNode> stateEvent(String roomId, String type) {
        try {
            return Optional.of(http.call("GET", "/rooms/" + seg(roomId) + "/state/" + seg(type) + "/", Map.of("format", List.of("event")), null,
                    Duration.ofSeconds(10), true));
        } catch (Rejected e) {
            return Optional.empty();
        }
    }

    /**
     * The content of a member's {@code m.room.member} event in the room (membership, {@code displayname}); empty when
     * the room has none for them or the bot may not read it.
     */
    Optional<JsonNode> member(String roomId, String userId) {
        try {
            return Optional.of(http.call("GET", "/rooms/" + seg(roomId) + "/state/m.room.member/" + seg(userId), Map.of(), null,
                    Duration.ofSeconds(10), true));
        } catch (Rejected e) {
            return Optional.empty();
        }
    }

    /** One path segment, percent-encoded (room ids, user ids, aliases and txn ids carry '!', '@', '#', ':'). */
    static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
