package dev.btrbot.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.btrbot.adapter.web.WebServer;
import dev.btrbot.config.BotConfig;
import dev.btrbot.core.Interactions;
import dev.btrbot.testing.TestBot;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bot served as in production: the real Jetty on a loopback port with
 * Slack mounted at /slack/events, the Web API pointed at {@link FakeSlackApi},
 * and the command core of {@link TestBot}. Requests are Slack-shaped payloads
 * (src/test/resources/wire/slack/app-backend, from slackapi/java-slack-sdk, MIT),
 * signed here independently of the code under test.
 */
final class SlackHarness implements AutoCloseable {
    static final String TOKEN = "xoxb-1111-2222-SeCrEtBoTtOkEn";
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String CHANNEL = "C0KOA0001";

    /** The time Slack and the adapter go by: real time, moved ahead when a test says so. */
    final SlackClock clock = new SlackClock();
    final FakeSlackApi slack;
    /** Slack's rate limits waited out: recorded, and the clock moved on by as much, instead of sleeping. */
    final Waits waits = new Waits(clock);
    final SlackAdapter adapter;
    final TestBot bot;
    final Interactions interactions;
    final WebServer web;
    final Bodies bodies;
    private final HttpClient http = HttpClient.newHttpClient();

    SlackHarness(Path dir, String publicUrl) throws Exception {
        slack = new FakeSlackApi(clock);
        bodies = new Bodies(slack);
        adapter = new SlackAdapter(new BotConfig.Slack(TOKEN, SECRET, null, slack.apiUrl()), publicUrl, clock, waits);
        bot = TestBot.builder(dir).routedThrough(adapter.chat()).memberNames(adapter.memberNames()).build();
        web = new WebServer("127.0.0.1", 0, bot.bot, bot.wiring.dashboard());
        interactions = bot.wiring.interactions();
        bot.wiring.serve(adapter, interactions, web);
        web.start();
    }

    /** Real time plus however far a test moved it (a response_url's 30 minutes, without waiting them). */
    static final class SlackClock extends java.time.Clock {
        private volatile java.time.Duration ahead = java.time.Duration.ZERO;

        void advance(java.time.Duration d) {
            ahead = ahead.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }
    }

    /** A {@link WebApi.Sleeper} that records each wait and moves the clock on by it, at once. */
    static final class Waits implements WebApi.Sleeper {
        private final SlackClock clock;
        final java.util.List<java.time.Duration> waited = new java.util.concurrent.CopyOnWriteArrayList<>();

        Waits(SlackClock clock) {
            this.clock = clock;
        }

        @Override
        public void sleep(java.time.Duration d) {
            waited.add(d);
            clock.advance(d);
        }
    }

    /** Waits until the adapter has answered every request sent so far. */
    void awaitIdle() throws InterruptedException {
        if (!adapter.awaitIdle(java.time.Duration.ofSeconds(30))) {
            throw new AssertionError("the Slack adapter was still busy after 30 s");
        }
    }

    static final String PIERRE = "UPIERRE01";
    static final String ADOLFO = "UADOLFO01";

    /**
     * The harness with release koa.2 (two repositories, channel {@link #CHANNEL}),
     * {@link #PIERRE} its manual-qa and {@link #ADOLFO} its tagger.
     */
    static SlackHarness koa2(Path dir) throws Exception {
        SlackHarness h = new SlackHarness(dir, "https://btr.example.org");
        h.bot.git.head("openedx/configuration", TestBot.sha('a'));
        h.bot.git.head("openedx/edx-platform", TestBot.sha('b'));
        h.bot.expectOk("release create koa.2 --branch open-release/koa.master --repos openedx/configuration,openedx/edx-platform"
                + " --channel " + CHANNEL);
        h.bot.expectOk("role assign koa.2 manual-qa " + PIERRE);
        h.bot.expectOk("role assign koa.2 tagger " + ADOLFO);
        return h;
    }

    /** The button with this core action id on the status message {@code user} asked for by /btr. */
    JsonNode statusButton(String user, String actionId) throws Exception {
        slash(user, "status koa.2", "status-" + actionId);
        JsonNode button = button(slack.await("response_url"), actionId);
        slack.calls.clear();
        return button;
    }

    /** Test code that may throw. */
    interface Step {
        void run() throws Exception;
    }

    /** What was logged (slf4j-simple writes to System.err) while {@code step} ran. */
    static String logsDuring(Step step) throws Exception {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            step.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    // ---- sending ----

    /**
     * Posts a body to /slack/events as Slack would: only shapes java-slack-sdk's
     * samples have ({@link SlackSamples#request}); a test that builds another
     * fails here, before anything is sent.
     */
    HttpResponse<String> post(String body, String contentType, String timestamp, String signature) throws Exception {
        java.util.List<String> wrong = SlackSamples.request(body);
        if (!wrong.isEmpty()) {
            throw new AssertionError("Slack would not send this to /slack/events:\n  " + String.join("\n  ", wrong));
        }
        return postAnyway(body, contentType, timestamp, signature);
    }

    /** Signed and posted whatever its shape: for bad-input tests that send what Slack never would. */
    HttpResponse<String> postGarbled(String body) throws Exception {
        String now = Long.toString(Instant.now().getEpochSecond());
        return postAnyway(body, "application/x-www-form-urlencoded", now, sign(SECRET, now, body));
    }

    private HttpResponse<String> postAnyway(String body, String contentType, String timestamp, String signature) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/slack/events"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (timestamp != null) {
            req.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            req.header("X-Slack-Signature", signature);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postSigned(String body) throws Exception {
        String now = Long.toString(Instant.now().getEpochSecond());
        return post(body, "application/x-www-form-urlencoded", now, sign(SECRET, now, body));
    }

    /** Slack's signature, computed here without the adapter's code. */
    static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- payloads in Slack's shapes ----

    String slashBody(String user, String text, String responseName) throws IOException {
        return bodies.slash(user, text, responseName, FakeSlackApi.TEAM, "");
    }

    HttpResponse<String> slash(String user, String text, String responseName) throws Exception {
        return postSigned(slashBody(user, text, responseName));
    }

    String clickBody(String user, JsonNode button, String responseName, String triggerId) throws IOException {
        return bodies.click(user, button, responseName, triggerId, FakeSlackApi.TEAM);
    }

    HttpResponse<String> click(String user, JsonNode button, String responseName) throws Exception {
        return postSigned(bodies.click(user, button, responseName, bodies.trigger(), FakeSlackApi.TEAM));
    }

    String submitBody(String user, String privateMetadata, String env, String notes) throws IOException {
        return bodies.submit(user, privateMetadata, env, notes, FakeSlackApi.TEAM);
    }

    HttpResponse<String> submit(String user, String privateMetadata, String env, String notes) throws Exception {
        return postSigned(submitBody(user, privateMetadata, env, notes));
    }

    /**
     * What Slack posts to /slack/events, built from java-slack-sdk's samples
     * with every field filled as Slack fills it; response URLs are issued by
     * the fake Slack.
     */
    static final class Bodies {
        private final FakeSlackApi slack;
        private int triggers;

        Bodies(FakeSlackApi slack) {
            this.slack = slack;
        }

        synchronized String trigger() {
            return "trigger-" + (++triggers);
        }

        /** A slash command's form body from this team and enterprise ("" for none), with the fields of SlashCommandPayload.json. */
        String slash(String user, String text, String responseName, String team, String enterprise) {
            JsonNode shape = fixture("SlashCommandPayload.json");
            Map<String, String> form = new LinkedHashMap<>();
            shape.fieldNames().forEachRemaining(f -> form.put(f, shape.get(f).asText()));
            form.put("token", "xyzz0WbapA4vBCDEFasx0q6G");
            form.put("api_app_id", FakeSlackApi.APP_ID);
            form.put("team_id", team);
            form.put("team_domain", "btr");
            form.put("enterprise_id", enterprise);
            form.put("enterprise_name", enterprise.isEmpty() ? "" : "Other Corp");
            form.put("channel_id", CHANNEL);
            form.put("channel_name", "koa-release");
            form.put("user_id", user);
            form.put("user_name", user.toLowerCase());
            form.put("command", "/btr");
            form.put("text", text);
            form.put("response_url", slack.responseUrl(responseName));
            form.put("trigger_id", trigger());
            return form(form);
        }

        /** A button click in a channel message, shaped like BlockActionPayload.json. */
        String click(String user, JsonNode button, String responseName, String triggerId, String team) {
            ObjectNode p = (ObjectNode) fixture("BlockActionPayload.json");
            p.remove(java.util.List.of("view", "state", "app_unfurl", "function_data", "interactivity", "bot_access_token", "enterprise"));
            p.put("type", "block_actions").put("api_app_id", FakeSlackApi.APP_ID).put("token", "xyzz0WbapA4vBCDEFasx0q6G")
                    .put("trigger_id", triggerId).put("response_url", slack.responseUrl(responseName)).put("is_enterprise_install", false);
            ((ObjectNode) p.get("team")).put("id", team).put("domain", "btr").remove(java.util.List.of("enterprise_id", "enterprise_name"));
            ((ObjectNode) p.get("user")).put("id", user).put("username", user.toLowerCase()).put("name", user.toLowerCase()).put("team_id", team);
            ObjectNode container = (ObjectNode) p.get("container");
            container.removeAll();
            container.put("type", "message").put("message_ts", "1700000000.000001").put("channel_id", CHANNEL).put("is_ephemeral", false);
            ((ObjectNode) p.get("channel")).put("id", CHANNEL).put("name", "koa-release");
            ObjectNode message = (ObjectNode) p.get("message");
            message.removeAll();
            message.put("type", "message").put("ts", "1700000000.000001").put("text", "btr-bot");
            ObjectNode action = (ObjectNode) p.get("actions").get(0);
            action.removeAll();
            action.put("type", "button").put("action_id", button.get("action_id").asText()).put("block_id", "b1")
                    .put("value", button.get("value").asText()).put("action_ts", "1700000001.000001");
            action.set("text", button.get("text"));
            ((com.fasterxml.jackson.databind.node.ArrayNode) p.get("actions")).removeAll().add(action);
            return form(Map.of("payload", p.toString()));
        }

        /** A modal submitted from this team, shaped like ViewSubmissionPayload.json. */
        String submit(String user, String privateMetadata, String env, String notes, String team) {
            ObjectNode p = (ObjectNode) fixture("ViewSubmissionPayload.json");
            p.remove(java.util.List.of("function_data", "interactivity", "bot_access_token", "enterprise"));
            p.put("type", "view_submission").put("api_app_id", FakeSlackApi.APP_ID).put("token", "xyzz0WbapA4vBCDEFasx0q6G")
                    .put("trigger_id", trigger()).put("is_enterprise_install", false);
            ((ObjectNode) p.get("team")).put("id", team).put("domain", "btr").remove(java.util.List.of("enterprise_id", "enterprise_name"));
            ((ObjectNode) p.get("user")).put("id", user).put("username", user.toLowerCase()).put("name", user.toLowerCase()).put("team_id", team);
            ObjectNode view = (ObjectNode) p.get("view");
            for (Iterator<String> it = view.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (view.get(f).isObject() && !f.equals("state") && !f.equals("title") && !f.equals("submit") && !f.equals("close")) {
                    it.remove();
                }
            }
            // Slack names the workspace the app is installed in; the sample leaves a placeholder ""
            view.put("id", "V0000001").put("team_id", team).put("type", "modal").put("callback_id", SignOffModal.CALLBACK_ID)
                    .put("private_metadata", privateMetadata).put("hash", "1700000000.abcdef").put("app_id", FakeSlackApi.APP_ID)
                    .put("bot_id", FakeSlackApi.BOT_ID).put("external_id", "").put("root_view_id", "V0000001").putNull("previous_view_id")
                    .put("app_installed_team_id", team);
            ObjectNode values = ((ObjectNode) view.get("state")).putObject("values");
            values.putObject("env").putObject("env").put("type", "plain_text_input").put("value", env);
            ObjectNode n = values.putObject("notes").putObject("notes").put("type", "plain_text_input");
            if (notes == null) {
                n.putNull("value");
            } else {
                n.put("value", notes);
            }
            return form(Map.of("payload", p.toString()));
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** Where java-slack-sdk's samples keep each payload shape. */
    private static final Map<String, String> PAYLOAD_FOLDERS = Map.of(
            "SlashCommandPayload.json", "slash-commands",
            "BlockActionPayload.json", "interactive-components",
            "ViewSubmissionPayload.json", "views");

    static JsonNode fixture(String name) {
        return SlackSamples.sample("app-backend/" + PAYLOAD_FOLDERS.get(name) + "/" + name);
    }

    // ---- reading what Slack received ----

    /** The button with this core action id in a message Slack received. */
    static JsonNode button(FakeSlackApi.Call call, String actionId) {
        for (JsonNode block : call.jsonParam("blocks")) {
            if ("actions".equals(block.path("type").asText())) {
                for (JsonNode e : block.get("elements")) {
                    if (e.path("action_id").asText().startsWith(BlockKit.ACTION_PREFIX + actionId + ":")) {
                        return e;
                    }
                }
            }
        }
        throw new AssertionError("no button " + actionId + " in " + call.jsonParam("blocks"));
    }

    String statusJson() {
        return bot.reply("status koa.2 --json").json();
    }

    @Override
    public void close() throws Exception {
        web.close();
        adapter.close();
        interactions.close();
        slack.close();
    }
}
