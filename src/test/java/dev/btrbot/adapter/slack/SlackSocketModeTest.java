package dev.btrbot.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.btrbot.adapter.web.WebServer;
import dev.btrbot.config.BotConfig;
import dev.btrbot.core.Interactions;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Socket Mode end to end: with an app token and no signing secret the adapter
 * asks the fake Web API's {@code apps.connections.open} for a URL, connects
 * with Bolt's Tyrus client to a websocket server on 127.0.0.1, and answers
 * Slack's envelopes: acknowledged by envelope_id within three seconds, the
 * command run afterwards and answered through the payload's response_url.
 */
@Timeout(30)
class SlackSocketModeTest {
    static final String APP_TOKEN = "xapp-1-A0BTRBOT1-1111-SeCrEtApPtOkEn";
    static final String PIERRE = "UPIERRE01";

    @TempDir
    Path dir;
    FakeSlackApi slack;
    FakeSocketModeServer socket;
    SlackAdapter adapter;
    Interactions interactions;
    TestBot bot;
    WebServer web;

    @BeforeEach
    void connect() throws Exception {
        slack = new FakeSlackApi();
        socket = new FakeSocketModeServer();
        slack.socketModeUrl = socket.url();
        adapter = new SlackAdapter(new BotConfig.Slack(SlackHarness.TOKEN, null, APP_TOKEN, slack.apiUrl()), null);
        bot = TestBot.builder(dir).routedThrough(adapter.chat()).build();
        bot.git.head("openedx/configuration", TestBot.sha('a'));
        bot.git.head("openedx/edx-platform", TestBot.sha('b'));
        bot.expectOk("release create koa.2 --branch open-release/koa.master --repos openedx/configuration,openedx/edx-platform");
        web = new WebServer("127.0.0.1", 0, bot.bot, bot.wiring.dashboard());
        interactions = bot.wiring.interactions();
        bot.wiring.serve(adapter, interactions, web);
        socket.awaitConnection();
    }

    @AfterEach
    void close() throws Exception {
        adapter.close();
        interactions.close();
        socket.close();
        slack.close();
    }

    @Test
    void theConnectionIsOpenedWithTheAppTokenAtTheUrlSlackNamed() {
        // Bolt asks once to build its client and once more to connect: both with the app token, never the bot's
        assertThat(slack.calls("apps.connections.open")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer " + APP_TOKEN));
        assertThat(socket.paths).containsExactly("/link/?ticket=4c8e1a2b-fake-ticket&app_id=A0BTRBOT1");
    }

    @Test
    void aSlashCommandEnvelopeIsAcknowledgedBeforeTheCommandRunsAndTheCommandRuns() throws Exception {
        bot.git.hold(); // status reads the branch heads: the ack must not wait for them
        socket.send(envelope("e7b0a2f1-1111-4a4a-9c9c-000000000000", "status koa.2", "socket-status"));
        socket.awaitAck("e7b0a2f1-1111-4a4a-9c9c-000000000000", Duration.ofSeconds(30));
        assertThat(slack.calls("response_url")).as("answered only once git answers").isEmpty();
        bot.git.letGo();
        assertThat(slack.await("response_url").blocksText()).contains("koa.2");
        slack.calls.clear();

        String text = "blocker add koa.2 https://discuss.openedx.org/t/4242 --title \"Install fails over socket\"";
        socket.send(envelope("e7b0a2f1-1111-4a4a-9c9c-000000000001", text, "socket-added"));
        socket.awaitAck("e7b0a2f1-1111-4a4a-9c9c-000000000001", Duration.ofSeconds(30));

        FakeSlackApi.Call answer = slack.await("response_url");
        assertThat(answer.param("response_type")).isEqualTo("ephemeral");
        assertThat(answer.blocksText()).contains("Install fails over socket");
        assertThat(bot.exec("blockers koa.2")).contains("Install fails over socket");
    }

    @Test
    void anEnvelopeForAnotherCommandIsAcknowledgedWithAClearAnswerAndChangesNothing() throws Exception {
        String before = bot.reply("status koa.2 --json").json();
        ObjectNode env = (ObjectNode) FakeSlackApi.JSON.readTree(envelope("e7b0a2f1-2222-4a4a-9c9c-000000000002",
                "blocker add koa.2 https://discuss.openedx.org/t/1 --title x", "other"));
        ((ObjectNode) env.get("payload")).put("command", "/deploy");
        socket.send(env.toString());
        var ack = socket.awaitAck("e7b0a2f1-2222-4a4a-9c9c-000000000002", Duration.ofSeconds(3));
        assertThat(ack.json().path("payload").path("text").asText()).isEqualTo("btr-bot answers /btr only; try /btr help.");
        assertThat(adapter.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(slack.calls("response_url")).isEmpty();
        assertThat(bot.reply("status koa.2 --json").json()).isEqualTo(before);
    }

    /** A slash_commands envelope in Slack's documented shape; the payload has the fields of SlashCommandPayload.json. */
    private String envelope(String envelopeId, String text, String responseName) throws Exception {
        ObjectNode payload = FakeSlackApi.JSON.createObjectNode();
        JsonNode shape = SlackHarness.fixture("SlashCommandPayload.json");
        shape.fieldNames().forEachRemaining(f -> payload.put(f, shape.get(f).asText()));
        payload.put("token", "xyzz0WbapA4vBCDEFasx0q6G").put("team_id", "T0BTR0001").put("team_domain", "btr")
                .put("channel_id", SlackHarness.CHANNEL).put("channel_name", "koa-release").put("user_id", PIERRE)
                .put("user_name", "pierre").put("command", "/btr").put("text", text).put("api_app_id", "A0BTRBOT1")
                .put("is_enterprise_install", "false").put("response_url", slack.responseUrl(responseName))
                .put("trigger_id", "1111.2222.socket");
        payload.remove(java.util.List.of("enterprise_id", "enterprise_name"));
        assertThat(SlackSamples.slashCommandJson(payload)).as("a slash command as Slack sends it").isEmpty();
        ObjectNode envelope = FakeSlackApi.JSON.createObjectNode();
        envelope.put("envelope_id", envelopeId).put("type", "slash_commands").put("accepts_response_payload", true);
        envelope.set("payload", payload);
        return envelope.toString();
    }
}
