package dev.btrbot.adapter.slack;

import static dev.btrbot.adapter.slack.SlackHarness.ADOLFO;
import static dev.btrbot.adapter.slack.SlackHarness.CHANNEL;
import static dev.btrbot.adapter.slack.SlackHarness.PIERRE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.btrbot.core.Reply;
import dev.btrbot.core.Chat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Slack's own rules do to delivery, against a fake that has them: a
 * trigger_id that lives three seconds, DMs that live in their own channel,
 * response URLs that take five answers in thirty minutes, and mrkdwn that
 * would turn a typed {@code @here} into a ping.
 */
class SlackDeliveryTest {

    @TempDir
    Path dir;
    SlackHarness h;

    @BeforeEach
    void start() throws Exception {
        h = SlackHarness.koa2(dir);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    // ---- views.open and the trigger's three seconds ----

    @Test
    void aModalSlackRateLimitsBeyondTheTriggersThreeSecondsIsNotRetriedAndTheClickerIsToldSlackIsBusy() throws Exception {
        JsonNode pass = h.statusButton(PIERRE, "signoff-pass");
        h.slack.rateLimitNext("views.open", 5);
        h.click(PIERRE, pass, "busy");

        FakeSlackApi.Call told = h.slack.await("response_url");
        assertThat(told.param("response_type")).isEqualTo("ephemeral");
        assertThat(told.json().path("replace_original").asBoolean(true)).isFalse();
        assertThat(told.blocksText()).contains("Slack is busy, click again.");
        h.awaitIdle();
        assertThat(h.slack.calls("views.open")).as("not retried past the trigger").hasSize(1);
        assertThat(h.waits.waited).as("a wait past the trigger's life is not begun").isEmpty();
        assertThat(FakeSlackApi.JSON.readTree(h.statusJson()).get("signOffs")).isEmpty();
    }

    @Test
    void aRateLimitThatEndsWithinTheTriggersLifeIsWaitedOutAndTheModalOpens() throws Exception {
        JsonNode pass = h.statusButton(PIERRE, "signoff-pass");
        h.slack.rateLimitNext("views.open", 1);
        h.click(PIERRE, pass, "brief-limit");
        List<FakeSlackApi.Call> opens = h.slack.awaitCalls("views.open", 2);
        assertThat(Duration.between(opens.get(0).at(), opens.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(opens.get(1).param("trigger_id")).isEqualTo(opens.get(0).param("trigger_id"));
        assertThat(h.waits.waited).containsExactly(Duration.ofSeconds(1));
    }

    // ---- direct messages ----

    @Test
    void aDirectMessageIsEditedInTheDmChannelSlackNamedNotByTheUserId() {
        Chat chat = h.adapter.chat();
        Chat.PostRef post = chat.post(PIERRE, Reply.text("Tag progress for koa.2", "configuration: tagging"));
        assertThat(post.channel()).isEqualTo(FakeSlackApi.dm(PIERRE));

        chat.update(post, Reply.text("Tag progress for koa.2", "configuration: tagged"));
        FakeSlackApi.Call update = h.slack.calls("chat.update").get(0);
        assertThat(update.param("channel")).isEqualTo(FakeSlackApi.dm(PIERRE));
        assertThat(update.param("ts")).isEqualTo(post.id());
        assertThat(update.blocksText()).contains("configuration: tagged");

        Chat.PostRef byUserId = new Chat.PostRef(PIERRE, post.id());
        assertThatThrownBy(() -> chat.update(byUserId, Reply.text("Tag progress for koa.2", "done")))
                .as("as Slack answers an edit that names the user").isInstanceOf(Chat.Undelivered.class)
                .hasMessage("chat.update failed: channel_not_found");
    }

    // ---- response_url: 5 answers within 30 minutes ----

    @Test
    void aResponseUrlTakesFiveAnswersAndTheSixthGoesToTheMembersDm() throws Exception {
        ResponseUrl answers = h.adapter.responder(h.slack.responseUrl("five"), false, CHANNEL, PIERRE);
        for (int i = 1; i <= 6; i++) {
            answers.send(Reply.text("Answer " + i), null);
        }
        assertThat(h.slack.calls("response_url")).hasSize(ResponseUrl.MAX_ANSWERS);
        FakeSlackApi.Call dm = h.slack.await("chat.postMessage");
        assertThat(dm.param("channel")).isEqualTo(PIERRE);
        assertThat(dm.blocksText()).contains("Answer 6");
    }

    @Test
    void aPrivateAnswerReadyAfterThirtyMinutesGoesToTheMembersDmInsteadOfBeingLost() throws Exception {
        signedOffTwice();
        h.bot.tagger.whileRunning(() -> h.clock.advance(Duration.ofMinutes(31)));
        h.slash(ADOLFO, "tag koa.2 --confirm", "slow-tag");

        FakeSlackApi.Call dm = h.slack.await("chat.postMessage", c -> ADOLFO.equals(c.param("channel")));
        assertThat(dm.blocksText()).contains("succeeded");
        assertThat(h.slack.calls("response_url")).as("the bot knew the URL had expired").isEmpty();
        assertThat(h.bot.tagger.requests).hasSize(1);
    }

    @Test
    void aChannelAnswerReadyAfterThirtyMinutesGoesToTheChannelInsteadOfBeingLost() throws Exception {
        signedOffTwice();
        h.slash(ADOLFO, "tag koa.2", "plan");
        JsonNode tag = SlackHarness.button(h.slack.await("response_url"), "tag-confirm");
        h.slack.calls.clear();
        h.bot.tagger.whileRunning(() -> h.clock.advance(Duration.ofMinutes(31)));
        h.click(ADOLFO, tag, "late-tag");

        FakeSlackApi.Call answer = h.slack.await("chat.postMessage", c -> CHANNEL.equals(c.param("channel"))
                && c.blocksText().contains("succeeded"));
        assertThat(answer.blocksText()).contains("koa.2");
        h.awaitIdle();
        assertThat(h.slack.calls("response_url")).isEmpty();
    }

    // ---- mentions typed by people stay text ----

    @Test
    void aTitleWithHereOrChannelIsShownAsTypedAndPingsNoOne() throws Exception {
        h.bot.expectOk("blocker add koa.2 https://discuss.openedx.org/t/4132 --title \"@here <!channel> install broken #general\"");
        h.slash(PIERRE, "blockers koa.2", "pings");
        FakeSlackApi.Call answer = h.slack.await("response_url");

        List<JsonNode> mrkdwn = new ArrayList<>();
        answer.jsonParam("blocks").findParents("type").stream().filter(t -> "mrkdwn".equals(t.path("type").asText())).forEach(mrkdwn::add);
        assertThat(mrkdwn).isNotEmpty().allSatisfy(t -> assertThat(t.path("verbatim").asBoolean()).isTrue());
        assertThat(answer.blocksText()).contains("@here &lt;!channel&gt; install broken #general")
                .doesNotContain("<!channel>").doesNotContain("<!here>")
                .as("the address is still a link").contains("<https://discuss.openedx.org/t/4132>");
    }

    private void signedOffTwice() {
        h.bot.expectOk("@" + PIERRE + ": signoff koa.2 pass --env native");
        h.bot.expectOk("@ned: signoff koa.2 pass --env docker");
        h.slack.calls.clear();
    }
}
