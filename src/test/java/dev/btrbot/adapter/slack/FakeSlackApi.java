package dev.btrbot.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Slack's Web API ({@code /api/<method>}) and response URLs ({@code /hooks/…})
 * on 127.0.0.1, recording every call, and answering the way Slack does:
 *
 * <ul>
 * <li>answers in the shapes of java-slack-sdk's samples
 * (src/test/resources/wire/slack/api), each one checked by {@link SlackSamples}
 * before it is sent;</li>
 * <li>the bot token in {@code Authorization} (else {@code not_authed} /
 * {@code invalid_auth}; an app-level token only for
 * {@code apps.connections.open}), the scopes slack/manifest.json grants (else
 * {@code missing_scope}), Block Kit's limits on every {@code blocks} and
 * {@code view} ({@link BlockKitRules}; else {@code invalid_blocks} /
 * {@code invalid_arguments});</li>
 * <li>a post to a user id lands in the app's DM with them and answers that
 * DM's id ({@code D…}); an edit must name the channel the post is in
 * ({@code channel_not_found} for a user id, {@code message_not_found} for a
 * ts that is not there);</li>
 * <li>a response_url takes 5 answers within 30 minutes of being issued, then
 * answers 404 {@code used_url} / {@code expired_url} (Slack documents the
 * limits, not the error; these codes are our reading);</li>
 * <li>a 429 with {@code Retry-After} on demand, a token revoked on demand.</li>
 * </ul>
 *
 * <p>Whatever breaks a check (a shape the samples do not have, blocks over a
 * limit, a method with no sample) is a violation: the test that caused it
 * fails at {@link #await} or at {@link #close}, even when the bot coped.
 */
final class FakeSlackApi implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TEAM = "T0BTR0001";
    static final String BOT_USER = "U0BTRBOT1";
    static final String BOT_ID = "B0BTRBOT1";
    static final String APP_ID = "A0BTRBOT1";
    private static final Pattern USER = Pattern.compile("[UW][A-Z0-9]{6,}");
    /** Slack's limits on a response_url, stated here rather than taken from the code under test. */
    static final int RESPONSE_URL_ANSWERS = 5;
    static final Duration RESPONSE_URL_LIFETIME = Duration.ofMinutes(30);

    /** One request as Slack would have received it. */
    record Call(String method, Map<String, String> form, JsonNode json, String authorization, Instant at) {
        /** A form parameter that holds JSON (blocks, view), or the JSON body of a response_url post. */
        JsonNode jsonParam(String name) {
            try {
                return form.containsKey(name) ? JSON.readTree(form.get(name)) : json == null ? null : json.get(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String param(String name) {
            if (form.containsKey(name)) {
                return form.get(name);
            }
            return json == null || json.get(name) == null ? null : json.get(name).asText();
        }

        /** Every text in the blocks, joined: what a person would read. */
        String blocksText() {
            JsonNode blocks = jsonParam("blocks");
            StringBuilder out = new StringBuilder();
            if (blocks != null) {
                blocks.findValues("text").forEach(t -> out.append(t.isTextual() ? t.asText() : t.path("text").asText()).append('\n'));
            }
            return out.toString();
        }
    }

    private record RateLimit(int times, int retryAfter) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<String, RateLimit> rateLimited = new ConcurrentHashMap<>();
    private final Map<String, String> failing = new ConcurrentHashMap<>();
    private final Map<String, UnaryOperator<ObjectNode>> drift = new ConcurrentHashMap<>();
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();
    private final Map<String, Integer> answered = new ConcurrentHashMap<>();
    /** The first answer taken on each response_url, by its name (what the benchmarks time and read). */
    final Map<String, Call> firstAnswers = new ConcurrentHashMap<>();
    /** Message ts by the channel they are in: what chat.update can edit. */
    private final Map<String, Set<String>> posts = new ConcurrentHashMap<>();
    private final AtomicLong ts = new AtomicLong(1_700_000_000_000_000L);
    private final HttpServer server;
    private final Clock clock;
    private final String botToken;
    private final Set<String> scopes;
    private volatile String revoked;
    /** What apps.connections.open sends the app to (Slack: wss://wss-primary.slack.com/link/?ticket=…&app_id=…); null: refused. */
    volatile String socketModeUrl;

    FakeSlackApi() throws IOException {
        this(Clock.systemUTC());
    }

    /** @param clock what response_url ages are measured with */
    FakeSlackApi(Clock clock) throws IOException {
        this(clock, SlackHarness.TOKEN, SlackScopes.granted(SlackScopes.manifest()));
    }

    FakeSlackApi(Clock clock, String botToken, Set<String> scopes) throws IOException {
        this.clock = clock;
        this.botToken = botToken;
        this.scopes = Set.copyOf(scopes);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String apiUrl() {
        return base() + "/api/";
    }

    /** A response_url, issued now: its 30 minutes and 5 answers start here. */
    String responseUrl(String name) {
        issued.putIfAbsent(name, clock.instant());
        return base() + "/hooks/" + name;
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The DM channel Slack opens between the app and this user. */
    static String dm(String user) {
        return "D" + user.substring(1);
    }

    /** The next call of that method is answered 429 with {@code Retry-After: 1} (once more for each call of this). */
    void rateLimitNext(String method) {
        rateLimitNext(method, 1);
    }

    /** The next call of that method is answered 429 with this {@code Retry-After} (once more for each call of this). */
    void rateLimitNext(String method, int retryAfterSeconds) {
        rateLimited.merge(method, new RateLimit(1, retryAfterSeconds), (a, b) -> new RateLimit(a.times() + 1, b.retryAfter()));
    }

    /** Every call of that method is refused ({@code ok: false} with this error) until {@link #recover}. */
    void refuse(String method, String error) {
        failing.put(method, error);
    }

    void recover(String method) {
        failing.remove(method);
    }

    /** From now on Slack answers every call with the bot token with this error ({@code token_revoked}, …). */
    void revoke(String error) {
        revoked = error;
    }

    /** From now on the answer to this method is changed by {@code change} before it is checked and sent: a fake drifting from Slack. */
    void drift(String method, UnaryOperator<ObjectNode> change) {
        drift.put(method, change);
    }

    /** The violations so far, forgotten here (for tests that provoke them on purpose). */
    List<String> takeViolations() {
        List<String> taken = new ArrayList<>(violations);
        violations.removeAll(taken);
        return taken;
    }

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Waits (bounded) for a call matching the predicate; the bot answers after its ack. */
    Call await(String method, Predicate<Call> matching) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            failOnViolations();
            for (Call c : calls) {
                if (c.method().equals(method) && matching.test(c)) {
                    return c;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("Slack never received " + method + " as expected; it received: "
                + calls.stream().map(c -> c.method() + " " + c.form() + " " + c.json()).toList());
    }

    Call await(String method) throws InterruptedException {
        return await(method, c -> true);
    }

    /** Waits (bounded) until this method was called {@code n} times; returns those calls. */
    List<Call> awaitCalls(String method, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            failOnViolations();
            List<Call> found = calls(method);
            if (found.size() >= n) {
                return found;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("Slack received " + calls(method).size() + " " + method + " calls, expected " + n);
    }

    private void failOnViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError("Slack would not have taken or sent this:\n  " + String.join("\n  ", violations));
        }
    }

    // ---- serving ----

    private void handle(HttpExchange ex) throws IOException {
        try {
            serve(ex);
        } catch (RuntimeException e) {
            violations.add("the fake failed: " + e);
            send(ex, 500, "{\"ok\":false,\"error\":\"fatal_error\"}");
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
        Map<String, String> form = type.startsWith("application/x-www-form-urlencoded") ? parseForm(body) : Map.of();
        JsonNode json = type.startsWith("application/json") && !body.isEmpty() ? JSON.readTree(body) : null;
        String method = path.startsWith("/api/") ? path.substring(5) : path.startsWith("/hooks/") ? "response_url" : path;
        Call call = new Call(method, form, json, ex.getRequestHeaders().getFirst("Authorization"), clock.instant());
        calls.add(call);
        RateLimit limit = takeRateLimit(method);
        if (limit != null) {
            ex.getResponseHeaders().add("Retry-After", Integer.toString(limit.retryAfter()));
            send(ex, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        if (method.equals("response_url")) {
            respond(ex, path.substring("/hooks/".length()), call);
            return;
        }
        ex.getResponseHeaders().add("X-OAuth-Scopes", String.join(",", scopes));
        ObjectNode answer = answer(method, call);
        UnaryOperator<ObjectNode> change = drift.get(method);
        if (change != null) {
            answer = change.apply(answer);
        }
        if (SlackSamples.hasApiSample(method)) {
            violations.addAll(SlackSamples.apiResponse(method, answer.toString()));
        }
        send(ex, 200, answer.toString());
    }

    /** What Slack answers this call; every answer starts from the method's sample. */
    private ObjectNode answer(String method, Call call) {
        if (!SlackSamples.hasApiSample(method)) {
            violations.add(method + ": called, but java-slack-sdk records no answer for it; add its sample before the bot uses it");
            return JSON.createObjectNode().put("ok", false).put("error", "unknown_method");
        }
        String token = call.authorization() == null ? null : call.authorization().replaceFirst("^Bearer ", "");
        if (token == null || token.isEmpty()) {
            return error(method, "not_authed", null);
        }
        if (method.equals("apps.connections.open") != token.startsWith("xapp-")) {
            return error(method, "not_allowed_token_type", null);
        }
        if (!token.startsWith("xapp-") && !token.equals(botToken)) {
            return error(method, "invalid_auth", null);
        }
        if (!token.startsWith("xapp-") && revoked != null) {
            return error(method, revoked, null);
        }
        for (String scope : SlackScopes.NEEDED.getOrDefault(method, Set.of())) {
            if (!scopes.contains(scope)) {
                ObjectNode missing = error(method, "missing_scope", null);
                missing.put("needed", scope).put("provided", String.join(",", scopes));
                return missing;
            }
        }
        String refused = failing.get(method);
        if (refused != null) {
            return error(method, refused, null);
        }
        return switch (method) {
            case "auth.test" -> ok("auth.test", "url", "team", "user", "team_id", "user_id", "bot_id", "is_enterprise_install")
                    .put("url", "https://btr.slack.com/").put("team", "btr").put("user", "btr-bot").put("team_id", TEAM)
                    .put("user_id", BOT_USER).put("bot_id", BOT_ID).put("is_enterprise_install", false);
            case "chat.postMessage" -> postMessage(call);
            case "chat.update" -> update(call);
            case "chat.postEphemeral" -> {
                List<String> broken = blocks(call);
                yield !broken.isEmpty() ? error(method, "invalid_blocks", broken.get(0))
                        : ok(method, "message_ts").put("message_ts", nextTs());
            }
            case "views.open" -> viewsOpen(call);
            case "users.info" -> usersInfo(call);
            case "apps.connections.open" -> socketModeUrl == null ? error(method, "not_allowed_token_type", null)
                    : ok(method, "url").put("url", socketModeUrl);
            default -> {
                violations.add(method + ": the fake does not answer it yet");
                yield error(method, "unknown_method", null);
            }
        };
    }

    private final Map<String, String> displayNames = new ConcurrentHashMap<>();

    /** A member of the workspace, as users.info describes them (else user_not_found). */
    void member(String id, String displayName) {
        displayNames.put(id, displayName);
    }

    private ObjectNode usersInfo(Call call) {
        String id = call.param("user");
        String name = id == null ? null : displayNames.get(id);
        if (name == null) {
            return error("users.info", "user_not_found", null);
        }
        ObjectNode r = ok("users.info", "user");
        ObjectNode user = (ObjectNode) r.get("user");
        String handle = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", ".");
        user.put("id", id).put("team_id", TEAM).put("name", handle).put("real_name", name).put("deleted", false)
                .put("is_bot", false);
        user.putObject("profile").put("display_name", name).put("real_name", name).put("team", TEAM);
        return r;
    }

    private ObjectNode postMessage(Call call) {
        String channel = call.param("channel");
        List<String> broken = blocks(call);
        if (!broken.isEmpty()) {
            return error("chat.postMessage", "invalid_blocks", broken.get(0));
        }
        if (channel == null || channel.isEmpty()) {
            return error("chat.postMessage", "channel_not_found", null);
        }
        String in = USER.matcher(channel).matches() ? dm(channel) : channel;
        String at = nextTs();
        posts.computeIfAbsent(in, c -> ConcurrentHashMap.newKeySet()).add(at);
        ObjectNode r = ok("chat.postMessage", "channel", "ts", "message").put("channel", in).put("ts", at);
        message("chat.postMessage", (ObjectNode) r.get("message"), call, at);
        return r;
    }

    private ObjectNode update(Call call) {
        String channel = String.valueOf(call.param("channel"));
        String at = call.param("ts");
        List<String> broken = blocks(call);
        if (!broken.isEmpty()) {
            return error("chat.update", "invalid_blocks", broken.get(0));
        }
        if (USER.matcher(channel).matches()) {
            return error("chat.update", "channel_not_found", null);
        }
        if (!posts.getOrDefault(channel, Set.of()).contains(at)) {
            return error("chat.update", "message_not_found", null);
        }
        ObjectNode r = ok("chat.update", "channel", "ts", "text", "message").put("channel", channel).put("ts", at)
                .put("text", String.valueOf(call.param("text")));
        message("chat.update", (ObjectNode) r.get("message"), call, at);
        return r;
    }

    /**
     * The message Slack echoes back: who posted it, its text and ts, as far
     * as the method's sample has them (its blocks are checked by
     * {@link BlockKitRules}, not echoed).
     */
    private static void message(String method, ObjectNode message, Call call, String at) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", "message");
        fields.put("text", String.valueOf(call.param("text")));
        fields.put("user", BOT_USER);
        fields.put("bot_id", BOT_ID);
        fields.put("app_id", APP_ID);
        fields.put("team", TEAM);
        fields.put("ts", at);
        fields.forEach((key, value) -> {
            if (SlackSamples.has("api/" + method + ".json", "/message", key)) {
                message.put(key, value);
            }
        });
    }

    private ObjectNode viewsOpen(Call call) {
        JsonNode view = call.jsonParam("view");
        List<String> broken = BlockKitRules.view(view);
        if (!broken.isEmpty()) {
            violations.addAll(broken);
            return error("views.open", "invalid_arguments", "[ERROR] " + broken.get(0));
        }
        if (call.param("trigger_id") == null || call.param("trigger_id").isEmpty()) {
            return error("views.open", "invalid_arguments", "[ERROR] missing required field: trigger_id");
        }
        ObjectNode r = ok("views.open", "view");
        ObjectNode echoed = ((ObjectNode) view.deepCopy()).put("id", "V0000001").put("team_id", TEAM).put("hash", "1700000000.abcdef")
                .put("app_id", APP_ID).put("bot_id", BOT_ID).put("root_view_id", "V0000001").put("clear_on_close", false)
                .put("notify_on_close", false);
        echoed.putObject("state").putObject("values");
        r.set("view", echoed);
        return r;
    }

    /** Block Kit's limits on the call's blocks, recorded as violations; what Slack would name. */
    private List<String> blocks(Call call) {
        JsonNode blocks = call.jsonParam("blocks");
        if (blocks == null) {
            String text = call.param("text");
            return text == null || text.isEmpty() ? List.of("no blocks and no text: Slack answers no_text") : List.of();
        }
        List<String> broken = BlockKitRules.message(blocks);
        violations.addAll(broken);
        return broken;
    }

    /** A response_url: 5 answers within 30 minutes of being issued, each within Block Kit's limits. */
    private void respond(HttpExchange ex, String name, Call call) throws IOException {
        Instant since = issued.computeIfAbsent(name, n -> call.at());
        if (!call.at().isBefore(since.plus(RESPONSE_URL_LIFETIME))) {
            send(ex, 404, "{\"ok\":false,\"error\":\"expired_url\"}");
            return;
        }
        if (answered.getOrDefault(name, 0) >= RESPONSE_URL_ANSWERS) {
            send(ex, 404, "{\"ok\":false,\"error\":\"used_url\"}");
            return;
        }
        if (!blocks(call).isEmpty()) {
            send(ex, 400, "{\"ok\":false,\"error\":\"invalid_blocks\"}");
            return;
        }
        answered.merge(name, 1, Integer::sum);
        firstAnswers.putIfAbsent(name, call);
        send(ex, 200, "{\"ok\":true}");
    }

    private static ObjectNode ok(String method, String... keys) {
        List<String> kept = new ArrayList<>(List.of(keys));
        kept.add("ok");
        ObjectNode r = SlackSamples.only("api/" + method + ".json", kept.toArray(String[]::new));
        return r.put("ok", true);
    }

    /** Slack's refusal: ok false, the error code, and the detail in response_metadata where the method's answers carry it. */
    private static ObjectNode error(String method, String code, String detail) {
        ObjectNode r = JSON.createObjectNode().put("ok", false).put("error", code);
        if (detail != null && SlackSamples.has("api/" + method + ".json", "", "response_metadata")) {
            r.putObject("response_metadata").putArray("messages").add(detail);
        }
        return r;
    }

    private String nextTs() {
        long n = ts.incrementAndGet();
        return String.format("%d.%06d", n / 1_000_000, n % 1_000_000);
    }

    private synchronized RateLimit takeRateLimit(String method) {
        RateLimit left = rateLimited.get(method);
        if (left == null) {
            return null;
        }
        if (left.times() == 1) {
            rateLimited.remove(method);
        } else {
            rateLimited.put(method, new RateLimit(left.times() - 1, left.retryAfter()));
        }
        return left;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    /** Stops serving; a violation no one took fails the test that caused it. */
    @Override
    public void close() {
        server.stop(0);
        failOnViolations();
    }
}
