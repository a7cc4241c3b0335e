package dev.btrbot.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.btrbot.core.SignOffForm;
import dev.btrbot.testing.TestBot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Bad input gets a clear, short error and changes nothing. No stack traces
 * in chat": signed but garbled, tampered or oversized requests to
 * /slack/events, each answered without a stack trace and leaving the store
 * as it was.
 */
class SlackBadInputTest {
    static final String PIERRE = SlackServerTest.PIERRE;

    @TempDir
    Path dir;
    SlackHarness h;
    String before;

    @BeforeEach
    void start() throws Exception {
        h = new SlackHarness(dir, "https://btr.example.org");
        h.bot.git.head("openedx/configuration", TestBot.sha('a'));
        h.bot.git.head("openedx/edx-platform", TestBot.sha('b'));
        h.bot.expectOk("release create koa.2 --branch open-release/koa.master --repos openedx/configuration,openedx/edx-platform"
                + " --channel " + SlackHarness.CHANNEL);
        h.bot.expectOk("role assign koa.2 manual-qa " + PIERRE);
        before = h.statusJson();
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    static Stream<Arguments> garbledPayloads() {
        return Stream.of(
                Arguments.of("payload not JSON", "payload=" + enc("{not json")),
                Arguments.of("payload JSON but no type", "payload=" + enc("{\"user\":{\"id\":\"UPIERRE01\"}}")),
                Arguments.of("block_actions without actions or user", "payload=" + enc("{\"type\":\"block_actions\",\"api_app_id\":\"A0BTRBOT1\"}")),
                Arguments.of("block_actions with an empty actions list", "payload=" + enc("{\"type\":\"block_actions\",\"user\":{\"id\":\"UPIERRE01\"},"
                        + "\"actions\":[],\"response_url\":\"http://127.0.0.1:9/x\"}")),
                Arguments.of("view_submission without a view", "payload=" + enc("{\"type\":\"view_submission\",\"user\":{\"id\":\"UPIERRE01\"}}")),
                Arguments.of("form without payload or command", "text=status+koa.2&user_id=UPIERRE01"),
                Arguments.of("empty body", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbledPayloads")
    void aGarbledRequestGetsNoStackTraceAndChangesNothing(String why, String body) throws Exception {
        HttpResponse<String> r = quietly(() -> h.postGarbled(body));
        assertThat(r.statusCode()).as(why).isLessThan(500);
        assertNoStackTrace(r.body());
        h.awaitIdle();
        assertThat(h.slack.calls("response_url")).as(why).isEmpty();
        assertThat(h.slack.calls("views.open")).as(why).isEmpty();
        assertThat(h.statusJson()).as(why).isEqualTo(before);
    }

    @Test
    void aClickOnAButtonBtrBotDidNotMakeIsAcknowledgedAndDoesNothing() throws Exception {
        JsonNode foreign = FakeSlackApi.JSON.createObjectNode().put("action_id", "another-apps-button")
                .put("value", "release cancel koa.2").set("text", FakeSlackApi.JSON.valueToTree(Map.of("type", "plain_text", "text", "Cancel")));
        HttpResponse<String> r = h.click(PIERRE, foreign, "foreign");
        assertThat(r.statusCode()).isEqualTo(200);
        assertNoStackTrace(r.body());
        h.awaitIdle();
        assertThat(h.slack.calls("response_url")).isEmpty();
        assertThat(h.statusJson()).isEqualTo(before);
    }

    @Test
    void aBtrButtonWithAValueItDidNotWriteIsAcknowledgedAndDoesNothing() throws Exception {
        JsonNode garbled = FakeSlackApi.JSON.createObjectNode().put("action_id", "btr:role-accept:0").put("value", "{\"c\":")
                .set("text", FakeSlackApi.JSON.valueToTree(Map.of("type", "plain_text", "text", "Accept")));
        HttpResponse<String> r = h.click(PIERRE, garbled, "garbled");
        assertThat(r.statusCode()).isEqualTo(200);
        h.awaitIdle();
        assertThat(h.slack.calls("response_url")).isEmpty();
        assertThat(h.statusJson()).isEqualTo(before);
    }

    @Test
    void aSignOffButtonWhoseValueNamesNoReleaseIsRefusedWithoutTheModal() throws Exception {
        JsonNode odd = FakeSlackApi.JSON.createObjectNode().put("action_id", "btr:signoff-pass:0")
                .put("value", "{\"c\":\"signoff ../../etc pass --candidate 1234567\",\"v\":\"../../etc|1234567\"}")
                .set("text", FakeSlackApi.JSON.valueToTree(Map.of("type", "plain_text", "text", "Passed install")));
        h.click(PIERRE, odd, "odd");
        FakeSlackApi.Call refusal = h.slack.await("response_url");
        assertThat(refusal.param("response_type")).isEqualTo("ephemeral");
        assertThat(refusal.blocksText()).contains("nothing was recorded");
        assertNoStackTrace(refusal.blocksText());
        assertThat(h.slack.calls("views.open")).isEmpty();
        assertThat(h.statusJson()).isEqualTo(before);
    }

    static Stream<Arguments> tamperedMetadata() {
        return Stream.of(
                Arguments.of("not JSON", "{{{"),
                Arguments.of("empty", ""),
                Arguments.of("JSON of another shape", "[1,2,3]"),
                Arguments.of("another command", "{\"c\":\"release cancel koa.2\",\"ch\":\"" + SlackHarness.CHANNEL + "\"}"),
                Arguments.of("a sign-off with extra options", "{\"c\":\"signoff koa.2 pass --candidate 1234567 --env forged\",\"ch\":\""
                        + SlackHarness.CHANNEL + "\"}"),
                Arguments.of("a channel that is not a Slack id", "{\"c\":\"signoff koa.2 pass --candidate 1234567\",\"ch\":\"#general <!channel>\"}"),
                Arguments.of("an intent that is not a sign-off", "{\"i\":\"tag-confirm\",\"r\":\"koa.2\",\"k\":\"1234567\",\"ch\":\""
                        + SlackHarness.CHANNEL + "\"}"),
                Arguments.of("a release name that is not one", "{\"i\":\"signoff-pass\",\"r\":\"../../etc\",\"k\":\"1234567\",\"ch\":\""
                        + SlackHarness.CHANNEL + "\"}"),
                Arguments.of("a candidate that is not an id", "{\"i\":\"signoff-pass\",\"r\":\"koa.2\",\"k\":\"1234567 --env forged\","
                        + "\"ch\":\"" + SlackHarness.CHANNEL + "\"}"),
                Arguments.of("a new-form channel that is not a Slack id", "{\"i\":\"signoff-pass\",\"r\":\"koa.2\",\"k\":\"1234567\","
                        + "\"ch\":\"#general <!channel>\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperedMetadata")
    void aModalWithTamperedPrivateMetadataIsSentBackWithAShortErrorAndRecordsNothing(String why, String metadata) throws Exception {
        HttpResponse<String> r = quietly(() -> h.submit(PIERRE, metadata, "Ubuntu 20.04, native", "fine"));
        assertThat(r.statusCode()).as(why).isEqualTo(200);
        JsonNode answer = FakeSlackApi.JSON.readTree(r.body());
        assertThat(answer.path("response_action").asText()).isEqualTo("errors");
        assertThat(answer.path("errors").path("env").asText()).contains("btr-bot cannot read this form");
        h.awaitIdle();
        assertThat(h.slack.calls).as(why).noneMatch(c -> c.method().startsWith("chat."));
        assertThat(h.statusJson()).as(why).isEqualTo(before);
    }

    @Test
    void aModalWithTextLongerThanItsFieldsAllowIsSentBackWithAnError() throws Exception {
        String metadata = "{\"i\":\"signoff-pass\",\"r\":\"koa.2\",\"k\":\"1234567\",\"ch\":\"" + SlackHarness.CHANNEL + "\"}";
        HttpResponse<String> r = h.submit(PIERRE, metadata, "x".repeat(SignOffForm.MAX_ENVIRONMENT + 1), "y".repeat(SignOffForm.MAX_NOTES + 1));
        JsonNode answer = FakeSlackApi.JSON.readTree(r.body());
        assertThat(answer.path("response_action").asText()).isEqualTo("errors");
        assertThat(answer.path("errors").path("env").asText()).contains("at most " + SignOffForm.MAX_ENVIRONMENT);
        assertThat(answer.path("errors").path("notes").asText()).contains("at most " + SignOffForm.MAX_NOTES);
        assertThat(h.statusJson()).isEqualTo(before);
    }

    @Test
    void aSubmissionOfAViewBtrBotDidNotOpenIsAcknowledgedAndDoesNothing() throws Exception {
        ObjectNode p = (ObjectNode) FakeSlackApi.JSON.readTree(java.net.URLDecoder.decode(
                h.submitBody(PIERRE, "{}", "x", null).substring("payload=".length()), StandardCharsets.UTF_8));
        ((ObjectNode) p.get("view")).put("callback_id", "another-apps-view");
        HttpResponse<String> r = h.postSigned(SlackHarness.form(Map.of("payload", p.toString())));
        assertThat(r.statusCode()).isEqualTo(200);
        h.awaitIdle();
        assertThat(h.slack.calls).noneMatch(c -> c.method().startsWith("chat.") || c.method().equals("response_url"));
        assertThat(h.statusJson()).isEqualTo(before);
    }

    @Test
    void aHugeCommandGetsAShortErrorWithinSlacksLimits() throws Exception {
        String huge = "blocker add koa.2 https://discuss.openedx.org/t/1 --title " + "\"" + "é".repeat(60_000) + "\" --bogus";
        assertThat(h.slash(PIERRE, huge, "huge").statusCode()).isEqualTo(200);
        FakeSlackApi.Call answer = h.slack.await("response_url");
        assertThat(answer.param("response_type")).isEqualTo("ephemeral");
        assertThat(answer.blocksText()).contains(":x:").hasSizeLessThan(3000);
        assertNoStackTrace(answer.blocksText());
        assertThat(h.statusJson()).isEqualTo(before);
    }

    @Test
    void aBodyOverAMegabyteIs413AndChangesNothing() throws Exception {
        String body = h.slashBody(PIERRE, "blocker add koa.2 https://discuss.openedx.org/t/1 --title " + "x".repeat(SlackEventsServlet.MAX_BODY), "big");
        assertThat(h.postSigned(body).statusCode()).isEqualTo(413);
        assertThat(h.statusJson()).isEqualTo(before);
    }

    @Test
    void anEmptyOrUnclosedQuoteCommandGetsItsOneLineReason() throws Exception {
        h.slash(PIERRE, "", "empty");
        assertThat(h.slack.await("response_url").blocksText()).contains("Say a command; 'help' lists them.");
        h.slack.calls.clear();
        h.slash(PIERRE, "blocker add koa.2 \"unclosed", "quote");
        String text = h.slack.await("response_url").blocksText();
        assertThat(text).contains(":x:");
        assertNoStackTrace(text);
        assertThat(h.statusJson()).isEqualTo(before);
    }

    private static void assertNoStackTrace(String text) {
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at dev.btrbot").doesNotContain("at com.slack");
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private interface Send {
        HttpResponse<String> run() throws Exception;
    }

    /** Bolt logs what it cannot parse; that belongs in the log, not in this test's output. */
    private static HttpResponse<String> quietly(Send send) throws Exception {
        PrintStream original = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return send.run();
        } finally {
            System.setErr(original);
        }
    }
}
