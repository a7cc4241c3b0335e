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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Slack's Web API ({@code /api/<method>}) and response URLs ({@code /hooks/…})
 * on 127.0.0.1, recording every call. Answers in the shapes of
 * src/test/resources/wire/slack/api (from slackapi/java-slack-sdk, MIT,
 * json-logs/samples), with ok set and ids filled in; can answer 429 with
 * {@code Retry-After: 1} once for a method.
 */
final class FakeSlackApi implements AutoCloseable {
    static final Path FIXTURES = dev.btrbot.testing.Wire.path("slack");
    static final ObjectMapper JSON = new ObjectMapper();

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

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> rateLimited = new ConcurrentHashMap<>();
    private final Map<String, String> failing = new ConcurrentHashMap<>();
    private final AtomicLong ts = new AtomicLong(1_700_000_000_000_000L);
    private final HttpServer server;
    /** What apps.connections.open answers (Slack: wss://wss-primary.slack.com/link/?ticket=…&app_id=…); null: refused. */
    volatile String socketModeUrl;

    FakeSlackApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String apiUrl() {
        return base() + "/api/";
    }

    String responseUrl(String name) {
        return base() + "/hooks/" + name;
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next call of that method is answered 429 (once more for each call of this). */
    void rateLimitNext(String method) {
        rateLimited.merge(method, 1, Integer::sum);
    }

    /** Every call of that method is refused ({@code ok: false} with this error) until {@link #recover}. */
    void refuse(String method, String error) {
        failing.put(method, error);
    }

    void recover(String method) {
        failing.remove(method);
    }

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Waits (bounded) for a call matching the predicate; the bot answers after its ack. */
    Call await(String method, Predicate<Call> matching) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
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
            List<Call> found = calls(method);
            if (found.size() >= n) {
                return found;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("Slack received " + calls(method).size() + " " + method + " calls, expected " + n);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
        Map<String, String> form = type.startsWith("application/x-www-form-urlencoded") ? parseForm(body) : Map.of();
        JsonNode json = type.startsWith("application/json") && !body.isEmpty() ? JSON.readTree(body) : null;
        String method = path.startsWith("/api/") ? path.substring(5) : path.startsWith("/hooks/") ? "response_url" : path;
        calls.add(new Call(method, form, json, ex.getRequestHeaders().getFirst("Authorization"), Instant.now()));
        if (takeRateLimit(method)) {
            ex.getResponseHeaders().add("Retry-After", "1");
            send(ex, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        String error = failing.get(method);
        if (error != null) {
            send(ex, 200, JSON.createObjectNode().put("ok", false).put("error", error).toString());
            return;
        }
        send(ex, 200, answer(method, form).toString());
    }

    private synchronized boolean takeRateLimit(String method) {
        Integer left = rateLimited.get(method);
        if (left == null) {
            return false;
        }
        if (left == 1) {
            rateLimited.remove(method);
        } else {
            rateLimited.put(method, left - 1);
        }
        return true;
    }

    private ObjectNode answer(String method, Map<String, String> form) throws IOException {
        String next = String.format("%d.%06d", ts.get() / 1_000_000, ts.incrementAndGet() % 1_000_000);
        ObjectNode r;
        switch (method) {
            case "auth.test" -> {
                r = fixture("auth.test.json");
                r.put("user_id", "U0BTRBOT1").put("team_id", "T0BTR0001").put("bot_id", "B0BTRBOT1");
                r.remove(List.of("error", "warning", "needed", "provided", "enterprise_id", "expires_in"));
                r.put("is_enterprise_install", false);
            }
            case "chat.postEphemeral" -> {
                r = fixture("chat.postEphemeral.json");
                r.put("message_ts", next);
                r.remove(List.of("error", "needed", "provided", "warning"));
            }
            case "chat.postMessage", "chat.update" -> {
                r = JSON.createObjectNode().put("channel", form.getOrDefault("channel", "")).put("ts",
                        method.equals("chat.update") ? form.get("ts") : next);
            }
            case "apps.connections.open" -> {
                if (socketModeUrl == null) {
                    return JSON.createObjectNode().put("ok", false).put("error", "not_allowed_token_type");
                }
                r = JSON.createObjectNode().put("url", socketModeUrl);
            }
            case "views.open" -> {
                r = JSON.createObjectNode();
                r.putObject("view").put("id", "V0000001").put("type", "modal");
            }
            case "response_url" -> {
                return JSON.createObjectNode().put("ok", true);
            }
            default -> r = JSON.createObjectNode();
        }
        r.put("ok", true);
        return r;
    }

    private static ObjectNode fixture(String name) throws IOException {
        return (ObjectNode) JSON.readTree(Files.readString(FIXTURES.resolve("api").resolve(name)));
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

    @Override
    public void close() {
        server.stop(0);
    }
}
