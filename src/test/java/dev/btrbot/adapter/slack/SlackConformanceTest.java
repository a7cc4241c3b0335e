package dev.btrbot.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.LayoutBlock;
import dev.btrbot.core.Reply;
import dev.btrbot.core.SignOffButtons;
import dev.btrbot.domain.ReleaseName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks every Slack test runs through (payloads the tests send, answers
 * the fake gives, blocks the bot sends) catch what they are there to catch:
 * each is shown a wrong shape and must name it.
 */
class SlackConformanceTest {
    static final String CHANNEL = SlackHarness.CHANNEL;

    // ---- payloads Slack posts to the app ----

    @Test
    void whatTheHarnessSendsIsWhatSlackSends() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi()) {
            SlackHarnessBodies bodies = new SlackHarnessBodies(slack);
            assertThat(SlackSamples.request(bodies.slash())).isEmpty();
            assertThat(SlackSamples.request(bodies.click())).isEmpty();
            assertThat(SlackSamples.request(bodies.submit())).isEmpty();
        }
    }

    @Test
    void aSlashCommandFieldSlackDoesNotSendIsCaught() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi()) {
            String body = new SlackHarnessBodies(slack).slash() + "&channel_type=im";
            assertThat(SlackSamples.request(body)).containsExactly("slash command.channel_type: not in the sample");
        }
    }

    @Test
    void anInteractionKeySlackDoesNotSendIsCaughtAtAnyDepth() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi()) {
            SlackHarnessBodies bodies = new SlackHarnessBodies(slack);
            // the samples' keys and java-slack-sdk's classes both catch them
            assertThat(SlackSamples.request(bodies.click(p -> ((ObjectNode) p.get("actions").get(0)).put("colour", "red"))))
                    .contains("block_actions.actions[0].colour: not in the sample")
                    .anySatisfy(v -> assertThat(v).contains("BlockActionPayload cannot read it (Unknown property detected: colour"));
            assertThat(SlackSamples.request(bodies.submit(p -> ((ObjectNode) p.at("/view/title")).put("colour", "red"))))
                    .contains("view_submission.view.title.colour: not in the sample");
            assertThat(SlackSamples.request(bodies.click(p -> p.put("container", "C0KOA0001"))))
                    .contains("block_actions.container: a value where the sample has an object");
        }
    }

    @Test
    void aPayloadJavaSlackSdkCannotReadIsCaught() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi()) {
            List<String> found = SlackSamples.request(new SlackHarnessBodies(slack).click(p -> p.put("is_enterprise_install", 12)));
            assertThat(found).singleElement().asString().startsWith("block_actions: java-slack-sdk's BlockActionPayload cannot read it");
        }
    }

    // ---- answers of the Web API ----

    @Test
    void aWebApiAnswerWithAKeySlackDoesNotSendIsCaught() {
        assertThat(SlackSamples.apiResponse("chat.postMessage", "{\"ok\":true,\"channel\":\"C0KOA0001\",\"ts\":\"1.2\"}")).isEmpty();
        assertThat(SlackSamples.apiResponse("chat.postMessage", "{\"ok\":true,\"channel_id\":\"C0KOA0001\",\"ts\":\"1.2\"}"))
                .contains("chat.postMessage answer.channel_id: not in the sample")
                .anySatisfy(v -> assertThat(v).contains("ChatPostMessageResponse cannot read it (Unknown property detected: channel_id"));
        assertThat(SlackSamples.apiResponse("chat.postMessage", "{\"ok\":true,\"message\":{\"text\":\"x\",\"thread\":\"1.2\"}}"))
                .contains("chat.postMessage answer.message.thread: not in the sample");
        assertThat(SlackSamples.apiResponse("views.open", "{\"ok\":true,\"view\":{\"id\":\"V1\",\"blocks\":[{\"type\":\"section\","
                + "\"text\":{\"type\":\"mrkdwn\",\"text\":\"x\",\"verbatim\":true,\"bold\":true}}]}}"))
                .as("a mrkdwn text is held to the sample's mrkdwn variant, not its plain_text one")
                .contains("views.open answer.view.blocks[0].text.bold: not in the sample");
    }

    @Test
    void aWebApiAnswerJavaSlackSdkCannotReadIsCaught() {
        assertThat(SlackSamples.apiResponse("auth.test", "{\"ok\":true,\"is_enterprise_install\":12}")).singleElement().asString()
                .startsWith("auth.test answer: java-slack-sdk's AuthTestResponse cannot read it");
    }

    @Test
    void aMethodWithoutASampleCannotBeAnsweredByTheFake() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi()) {
            var answer = client(slack).reactionsAdd(r -> r.channel(CHANNEL).name("white_check_mark").timestamp("1.2"));
            assertThat(answer.isOk()).isFalse();
            assertThat(slack.takeViolations()).containsExactly(
                    "reactions.add: called, but java-slack-sdk records no answer for it; add its sample before the bot uses it");
        }
    }

    @Test
    void aFakeThatDriftsFromSlackFailsTheTestThatUsedIt() throws Exception {
        FakeSlackApi slack = new FakeSlackApi();
        slack.drift("chat.postMessage", answer -> answer.put("channel_id", CHANNEL));
        ChatPostMessageResponse posted = client(slack).chatPostMessage(r -> r.channel(CHANNEL).text("Daily summary for koa.2"));
        assertThat(posted.isOk()).as("the bot copes").isTrue();
        AssertionError failed = null;
        try {
            slack.close();
        } catch (AssertionError e) {
            failed = e;
        }
        assertThat(failed).as("the test fails all the same").isNotNull();
        assertThat(failed.getMessage()).contains("chat.postMessage answer.channel_id: not in the sample");
    }

    // ---- Block Kit's limits ----

    static Stream<Arguments> brokenLimits() {
        return Stream.of(
                Arguments.of("51 blocks in a message", message(b -> {
                    for (int i = 0; i < 51; i++) {
                        b.addObject().put("type", "divider");
                    }
                }), "blocks: 51 blocks, Slack allows 50"),
                Arguments.of("section text of 3,001", message(b -> section(b, "x".repeat(3001))),
                        "blocks[0].text.text: 3001 characters, Slack allows 3000"),
                Arguments.of("empty section text", message(b -> section(b, "")), "blocks[0].text.text: empty"),
                Arguments.of("11 section fields", message(b -> {
                    ArrayNode fields = b.addObject().put("type", "section").putArray("fields");
                    for (int i = 0; i < 11; i++) {
                        fields.addObject().put("type", "plain_text").put("text", "f");
                    }
                }), "blocks[0].fields: 11 fields, Slack allows 10"),
                Arguments.of("header of 151", message(b -> b.addObject().put("type", "header").putObject("text")
                        .put("type", "plain_text").put("text", "h".repeat(151))), "blocks[0].text.text: 151 characters, Slack allows 150"),
                Arguments.of("mrkdwn header", message(b -> b.addObject().put("type", "header").putObject("text")
                        .put("type", "mrkdwn").put("text", "h").put("verbatim", true)), "Slack takes plain_text only here"),
                Arguments.of("11 context elements", message(b -> {
                    ArrayNode elements = b.addObject().put("type", "context").putArray("elements");
                    for (int i = 0; i < 11; i++) {
                        elements.addObject().put("type", "mrkdwn").put("text", "c").put("verbatim", true);
                    }
                }), "blocks[0].elements: 11 elements, Slack allows 1 to 10"),
                Arguments.of("26 buttons in one actions block", message(b -> {
                    ArrayNode elements = b.addObject().put("type", "actions").putArray("elements");
                    for (int i = 0; i < 26; i++) {
                        button(elements, "b" + i, "ok", "v");
                    }
                }), "blocks[0].elements: 26 elements, Slack allows 1 to 25"),
                Arguments.of("button text of 76", message(b -> button(b.addObject().put("type", "actions").putArray("elements"),
                        "a", "t".repeat(76), "v")), "blocks[0].elements[0].text.text: 76 characters, Slack allows 75"),
                Arguments.of("action_id of 256", message(b -> button(b.addObject().put("type", "actions").putArray("elements"),
                        "a".repeat(256), "ok", "v")), "blocks[0].elements[0].action_id: 256 characters, Slack allows 255"),
                Arguments.of("button value of 2,001", message(b -> button(b.addObject().put("type", "actions").putArray("elements"),
                        "a", "ok", "v".repeat(2001))), "blocks[0].elements[0].value: 2001 characters, Slack allows 2000"),
                Arguments.of("one action_id twice in a block", message(b -> {
                    ArrayNode elements = b.addObject().put("type", "actions").putArray("elements");
                    button(elements, "same", "one", "1");
                    button(elements, "same", "two", "2");
                }), "action_id: 'same' twice in one block"),
                Arguments.of("mrkdwn not verbatim", message(b -> b.addObject().put("type", "section").putObject("text")
                        .put("type", "mrkdwn").put("text", "@here")), "btr-bot's mrkdwn must be verbatim"),
                Arguments.of("a block type the checker does not know", message(b -> b.addObject().put("type", "image")),
                        "'image' is a block this checker does not know"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenLimits")
    void eachBlockKitLimitIsCaught(String why, JsonNode blocks, String expected) {
        assertThat(BlockKitRules.message(blocks)).as(why).anySatisfy(v -> assertThat(v).contains(expected));
    }

    static Stream<Arguments> brokenViews() {
        return Stream.of(
                Arguments.of("modal title of 25", view(v -> ((ObjectNode) v.get("title")).put("text", "t".repeat(25))),
                        "view.title.text: 25 characters, Slack allows 24"),
                Arguments.of("submit of 25", view(v -> ((ObjectNode) v.get("submit")).put("text", "s".repeat(25))),
                        "view.submit.text: 25 characters, Slack allows 24"),
                Arguments.of("an input without submit", view(v -> v.remove("submit")), "view.submit: required"),
                Arguments.of("101 blocks in a view", view(v -> {
                    ArrayNode blocks = (ArrayNode) v.get("blocks");
                    while (blocks.size() < 101) {
                        blocks.addObject().put("type", "divider");
                    }
                }), "view.blocks: 101 blocks, Slack allows 100"),
                Arguments.of("private_metadata of 3,001", view(v -> v.put("private_metadata", "m".repeat(3001))),
                        "view.private_metadata: 3001 characters, Slack allows 3000"),
                Arguments.of("placeholder of 151", view(v -> ((ObjectNode) v.at("/blocks/0/element/placeholder")).put("text", "p".repeat(151))),
                        "placeholder.text: 151 characters, Slack allows 150"),
                Arguments.of("input max_length of 3,001", view(v -> ((ObjectNode) v.at("/blocks/0/element")).put("max_length", 3001)),
                        "max_length: 3001, Slack allows 1 to 3000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenViews")
    void eachModalLimitIsCaught(String why, JsonNode view, String expected) {
        assertThat(BlockKitRules.view(view(v -> { }))).as("the unbroken view").isEmpty();
        assertThat(BlockKitRules.view(view)).as(why).anySatisfy(v -> assertThat(v).contains(expected));
    }

    @Test
    void blocksOverALimitAreRefusedByTheFakeAsSlackRefusesThem() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi()) {
            List<LayoutBlock> tooMany = new ArrayList<>();
            for (int i = 0; i < 51; i++) {
                tooMany.add(DividerBlock.builder().build());
            }
            ChatPostMessageResponse answer = client(slack).chatPostMessage(r -> r.channel(CHANNEL).text("x").blocks(tooMany));
            assertThat(answer.isOk()).isFalse();
            assertThat(answer.getError()).isEqualTo("invalid_blocks");
            assertThat(slack.takeViolations()).containsExactly("blocks: 51 blocks, Slack allows 50");
        }
    }

    @Test
    void whatBtrBotRendersStaysWithinEveryLimit() {
        Reply.Builder reply = Reply.builder("A release with a name long enough to be clipped: " + "k".repeat(200));
        for (int s = 0; s < 60; s++) {
            List<String> lines = new ArrayList<>();
            for (int l = 0; l < 50; l++) {
                lines.add("#" + l + " " + "é".repeat(120) + " @here <!channel> https://discuss.openedx.org/t/" + l);
            }
            reply.section("group " + s, lines);
        }
        for (int a = 0; a < 30; a++) {
            reply.action(new Reply.Action(Reply.Intent.ACCEPT, "Accept " + "a".repeat(100), "role accept koa.2 triage", null));
        }
        assertThat(BlockKitRules.message(SlackSamples.asSent(BlockKit.blocks(reply.build(), "https://btr.example.org/")))).isEmpty();
        var modal = SignOffModal.view(List.of("https://example.org/x.git@" + "a".repeat(40)), new SignOffModal.Origin(
                SignOffButtons.button(Reply.Intent.SIGN_OFF_PASS, new Reply.Target(new ReleaseName("a-release-with-a-long-name"), "0123456789")),
                CHANNEL));
        assertThat(BlockKitRules.view(SlackSamples.asSent(modal))).isEmpty();
    }

    // ---- helpers ----

    private static MethodsClient client(FakeSlackApi slack) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.apiUrl());
        return Slack.getInstance(config).methods(SlackHarness.TOKEN);
    }

    private static JsonNode message(Consumer<ArrayNode> fill) {
        ArrayNode blocks = FakeSlackApi.JSON.createArrayNode();
        fill.accept(blocks);
        return blocks;
    }

    private static void section(ArrayNode blocks, String text) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", text).put("verbatim", true);
    }

    private static void button(ArrayNode elements, String actionId, String text, String value) {
        ObjectNode b = elements.addObject().put("type", "button").put("action_id", actionId).put("value", value);
        b.putObject("text").put("type", "plain_text").put("text", text);
    }

    /** The sign-off modal as the bot renders it, changed by {@code change}. */
    private static JsonNode view(Consumer<ObjectNode> change) {
        ObjectNode view = (ObjectNode) SlackSamples.asSent(SignOffModal.view(List.of(), new SignOffModal.Origin(
                SignOffButtons.button(Reply.Intent.SIGN_OFF_PASS, new Reply.Target(new ReleaseName("koa.2"), "0123456789")), CHANNEL)));
        // the first input block moved first, so pointers into it stay short
        ArrayNode blocks = (ArrayNode) view.get("blocks");
        for (int i = 0; i < blocks.size(); i++) {
            if ("input".equals(blocks.get(i).path("type").asText())) {
                blocks.insert(0, blocks.remove(i));
                break;
            }
        }
        change.accept(view);
        return view;
    }

    /** Slack-shaped bodies from the harness's builders, without a server. */
    private record SlackHarnessBodies(FakeSlackApi slack) {
        String slash() throws Exception {
            return harness().slash("UPIERRE01", "status koa.2", "r", FakeSlackApi.TEAM, "");
        }

        String click() throws Exception {
            return click(p -> { });
        }

        String click(Consumer<ObjectNode> change) throws Exception {
            JsonNode button = FakeSlackApi.JSON.readTree("{\"action_id\":\"btr:status:0\",\"value\":\"{}\",\"text\":{\"type\":\"plain_text\","
                    + "\"text\":\"Status\",\"emoji\":true}}");
            return changed(harness().click("UPIERRE01", button, "r", "trigger-1", FakeSlackApi.TEAM), change);
        }

        String submit() throws Exception {
            return submit(p -> { });
        }

        String submit(Consumer<ObjectNode> change) throws Exception {
            return changed(harness().submit("UPIERRE01", "{}", "Ubuntu 20.04", null, FakeSlackApi.TEAM), change);
        }

        private SlackHarness.Bodies harness() {
            return new SlackHarness.Bodies(slack);
        }

        private static String changed(String form, Consumer<ObjectNode> change) throws Exception {
            ObjectNode payload = (ObjectNode) FakeSlackApi.JSON.readTree(FakeSlackApi.parseForm(form).get("payload"));
            change.accept(payload);
            return SlackHarness.form(Map.of("payload", payload.toString()));
        }
    }
}
