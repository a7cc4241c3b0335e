package dev.btrbot.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpClient;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Slack end to end: signed Slack-shaped requests to the real Jetty on a
 * loopback port, answers asserted as the fake Slack Web API received them.
 */
class SlackServerTest {
    static final String PIERRE = SlackHarness.PIERRE;
    static final String ADOLFO = SlackHarness.ADOLFO;
    static final String SOFIA = "USOFIA001";

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

    @Test
    @Timeout(60)
    void slashCommandIsAcknowledgedAtOnceAndAnsweredEphemerallyThroughTheResponseUrl() throws Exception {
        h.bot.git.hold(); // status reads the branch heads: the ack must not wait for them
        var ack = h.slash(PIERRE, "status koa.2", "status");
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(h.slack.calls("response_url")).as("answered only once git answers").isEmpty();
        h.bot.git.letGo();

        FakeSlackApi.Call answer = h.slack.await("response_url");
        assertThat(answer.param("response_type")).isEqualTo("ephemeral");
        assertThat(answer.param("text")).contains("koa.2");
        assertThat(answer.blocksText()).contains("koa.2 — planning").contains("configuration @ aaaaaaaaaa");
        assertThat(SlackHarness.button(answer, "signoff-pass").path("text").path("text").asText()).isEqualTo("Passed install");
        assertThat(h.slack.calls("auth.test")).isNotEmpty();
        assertThat(h.slack.calls("auth.test").get(0).authorization()).isEqualTo("Bearer " + SlackHarness.TOKEN);
    }

    @Test
    void mentionsAndLinksAsSlackEscapesThemAreTheIdsAndTheUrl() throws Exception {
        h.slash("ned", "role assign koa.2 announcer <@" + SOFIA + "|sofia>", "assign");
        h.slack.awaitCalls("response_url", 1);
        h.slash(PIERRE, "blocker add koa.2 <https://discuss.openedx.org/t/4132|discuss.openedx.org/t/4132>"
                + " --title \"mysql &amp; python &lt;3.8&gt;\"", "blocker");
        h.slack.awaitCalls("response_url", 2).forEach(c -> assertThat(c.param("text")).doesNotContain("Error"));

        String json = h.statusJson();
        assertThat(json).containsPattern("\"role\" : \"announcer\",\\s*\"member\" : \"" + SOFIA + "\"")
                .contains("\"url\" : \"https://discuss.openedx.org/t/4132\"").contains("mysql & python <3.8>");
    }

    @Test
    void membersShowByTheirSlackDisplayNamesNotTheirIds() throws Exception {
        h.slack.member(SOFIA, "Sofia Ramos");
        h.slash("ned", "role assign koa.2 announcer <@" + SOFIA + "|sofia>", "assign");
        h.slack.awaitCalls("response_url", 1);
        h.slash(PIERRE, "roles koa.2", "roles");
        FakeSlackApi.Call roles = h.slack.awaitCalls("response_url", 2).get(1);
        assertThat(roles.blocksText()).contains("announcer: Sofia Ramos").doesNotContain(SOFIA);
        assertThat(h.slack.calls("users.info")).extracting(c -> c.param("user")).contains(SOFIA);
        assertThat(h.statusJson()).contains(SOFIA).doesNotContain("Sofia Ramos");
    }

    @Test
    void anUnresolvedMentionIsRefusedWithTheFormsAMemberTakes() throws Exception {
        h.slash("ned", "role assign koa.2 announcer @sofia", "ghost");
        FakeSlackApi.Call answer = h.slack.await("response_url");
        assertThat(answer.blocksText()).contains("'@sofia' is not a member").contains("U2CERLKJA");
        assertThat(h.statusJson()).doesNotContain("announcer");
    }

    @Test
    void statusAskedPublicGoesToTheChannel() throws Exception {
        h.slash(PIERRE, "status koa.2 --public", "public");
        assertThat(h.slack.await("response_url").param("response_type")).isEqualTo("in_channel");
    }

    @Test
    void errorsAndHelpAreEphemeralBlockKit() throws Exception {
        h.slash(PIERRE, "tag koa.2 --confirm", "refused");
        FakeSlackApi.Call refused = h.slack.await("response_url");
        assertThat(refused.param("response_type")).isEqualTo("ephemeral");
        assertThat(refused.blocksText()).contains(":x:").contains("Only koa.2's tagger (" + ADOLFO + ")");
        h.slack.calls.clear();
        h.slash(PIERRE, "help", "help");
        FakeSlackApi.Call help = h.slack.await("response_url");
        assertThat(help.param("response_type")).isEqualTo("ephemeral");
        assertThat(help.blocksText()).contains("signoff &lt;release&gt; pass|fail");
    }

    static Stream<Arguments> badSignatures() {
        long now = Instant.now().getEpochSecond();
        return Stream.of(
                Arguments.of("no signature headers", null, null),
                Arguments.of("signed with another secret", Long.toString(now), "other-secret"),
                Arguments.of("signed 6 minutes ago", Long.toString(now - 360), SlackHarness.SECRET),
                Arguments.of("signed 6 minutes in the future", Long.toString(now + 360), SlackHarness.SECRET),
                Arguments.of("timestamp not a number", "yesterday", SlackHarness.SECRET));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSignatures")
    void unsignedForgedOrStaleRequestsGet401AndChangeNothing(String why, String timestamp, String secret) throws Exception {
        String before = h.statusJson();
        String body = h.slashBody(PIERRE, "blocker add koa.2 https://discuss.openedx.org/t/9 --title forged", "forged");
        var r = h.post(body, "application/x-www-form-urlencoded", timestamp,
                secret == null ? null : SlackHarness.sign(secret, timestamp, body));
        assertThat(r.statusCode()).as(why).isEqualTo(401);
        h.awaitIdle();
        assertThat(h.slack.calls("response_url")).isEmpty();
        assertThat(h.statusJson()).isEqualTo(before);
    }

    @Test
    void aSignedRequestSentAgainByteForByteChangesNothing() throws Exception {
        String pass = h.slashBody(PIERRE, "signoff koa.2 pass --env native", "pass");
        String now = Long.toString(Instant.now().getEpochSecond());
        String signature = SlackHarness.sign(SlackHarness.SECRET, now, pass);
        assertThat(h.post(pass, "application/x-www-form-urlencoded", now, signature).statusCode()).isEqualTo(200);
        h.slack.await("response_url");
        h.slack.calls.clear();
        assertThat(h.slash(PIERRE, "signoff koa.2 fail --env native", "fail").statusCode()).isEqualTo(200);
        h.slack.await("response_url");
        assertThat(h.bot.exec("status koa.2")).contains(PIERRE + " fail");

        // the captured pass, replayed within Slack's five minutes: acknowledged, dropped
        assertThat(h.post(pass, "application/x-www-form-urlencoded", now, signature).statusCode()).isEqualTo(200);
        h.awaitIdle();
        assertThat(h.bot.exec("status koa.2")).contains(PIERRE + " fail").doesNotContain(PIERRE + " pass");
        assertThat(h.bot.exec("audit koa.2").lines().filter(l -> l.contains("signoff.pass")).count()).isEqualTo(1);
    }

    @Test
    void slacksOwnRetryOfARequestIsAcknowledgedAndNotRunAgain() throws Exception {
        String body = h.slashBody(PIERRE, "signoff koa.2 pass --env native", "pass");
        String now = Long.toString(Instant.now().getEpochSecond());
        HttpRequest retry = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.web.port() + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Slack-Request-Timestamp", now)
                .header("X-Slack-Signature", SlackHarness.sign(SlackHarness.SECRET, now, body)).header("X-Slack-Retry-Num", "1")
                .header("X-Slack-Retry-Reason", "http_timeout").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        assertThat(HttpClient.newHttpClient().send(retry, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        h.awaitIdle();
        assertThat(h.bot.exec("audit koa.2")).doesNotContain("signoff.pass");
    }

    @Test
    void aBodyChangedAfterSigningGets401() throws Exception {
        String now = Long.toString(Instant.now().getEpochSecond());
        String body = h.slashBody(PIERRE, "status koa.2", "x");
        String signature = SlackHarness.sign(SlackHarness.SECRET, now, body);
        var r = h.post(body.replace("status", "statuz"), "application/x-www-form-urlencoded", now, signature);
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void nonAsciiCommandTextVerifiesAndRoundTripsExactly() throws Exception {
        String title = "Échec de l’installation 🚀 安装失败 — naïve 'quoted' Ελληνικά";
        var ack = h.slash(PIERRE, "blocker add koa.2 https://discuss.openedx.org/t/4132 --title \"" + title + "\"", "added");
        assertThat(ack.statusCode()).isEqualTo(200);
        h.slack.await("response_url");
        assertThat(h.bot.reply("blockers koa.2").sections().get(0).lines().get(0)).contains(title);
    }

    @Test
    void passedInstallButtonOpensAModalShowingTheCandidate() throws Exception {
        h.slash(PIERRE, "status koa.2", "status");
        JsonNode pass = SlackHarness.button(h.slack.await("response_url"), "signoff-pass");
        var ack = h.click(PIERRE, pass, "click");
        assertThat(ack.statusCode()).isEqualTo(200);

        FakeSlackApi.Call open = h.slack.await("views.open");
        assertThat(open.param("trigger_id")).startsWith("trigger-");
        JsonNode view = open.jsonParam("view");
        assertThat(view.path("callback_id").asText()).isEqualTo(SignOffModal.CALLBACK_ID);
        assertThat(view.path("title").path("text").asText()).isEqualTo("Sign off koa.2");
        assertThat(view.toString()).contains("https://github.com/openedx/configuration.git@" + TestBot.sha('a'))
                .contains("https://github.com/openedx/edx-platform.git@" + TestBot.sha('b')).contains("Passed install");
        assertThat(view.path("blocks").findValuesAsText("block_id")).contains("env", "notes");
        assertThat(signOffs()).isEmpty();
    }

    @Test
    void modalSubmissionRecordsTheSignOffWithEnvironmentAndNotesExactly() throws Exception {
        String metadata = openSignOffModal(PIERRE);
        String env = "Ubuntu 20.04, native — 東京 🐧";
        String notes = "Installed \"rc1\" with a back\\slash, 'quotes' and — all fine ✅\nsecond line: 安装成功 -- --confirm";
        assertThat(h.submit(PIERRE, metadata, env, notes).statusCode()).isEqualTo(200);

        FakeSlackApi.Call posted = h.slack.await("chat.postMessage", c -> c.blocksText().contains("signed off pass"));
        assertThat(posted.param("channel")).isEqualTo(SlackHarness.CHANNEL);
        JsonNode signOff = FakeSlackApi.JSON.readTree(h.statusJson()).get("signOffs").get(0);
        assertThat(signOff.get("member").asText()).isEqualTo(PIERRE);
        assertThat(signOff.get("environment").asText()).isEqualTo(env);
        assertThat(signOff.get("notes").asText()).isEqualTo(notes);
    }

    @Test
    void signOffOnACandidateThatMovedIsRefusedToTheUserAloneAndRecordsNothing() throws Exception {
        String metadata = openSignOffModal(PIERRE);
        h.bot.git.head("openedx/edx-platform", TestBot.sha('c'));
        String before = h.statusJson();
        h.submit(PIERRE, metadata, "Ubuntu 20.04, native", "");

        FakeSlackApi.Call refusal = h.slack.await("chat.postEphemeral");
        assertThat(refusal.param("user")).isEqualTo(PIERRE);
        assertThat(refusal.param("channel")).isEqualTo(SlackHarness.CHANNEL);
        assertThat(refusal.blocksText()).contains("The candidate moved since this prompt").contains("nothing was recorded");
        assertThat(h.statusJson()).isEqualTo(before);
        assertThat(signOffs()).isEmpty();
    }

    @Test
    void aSignOffClickOnACandidateThatMovedIsRefusedEphemerallyWithoutOpeningTheModal() throws Exception {
        JsonNode pass = h.statusButton(PIERRE, "signoff-pass");
        h.bot.git.head("openedx/edx-platform", TestBot.sha('c'));
        String before = h.statusJson();
        String now = FakeSlackApi.JSON.readTree(before).path("candidate").path("id").asText().substring(0, 10);
        h.slack.calls.clear();

        var ack = h.click(PIERRE, pass, "stale");
        assertThat(ack.statusCode()).isEqualTo(200);
        FakeSlackApi.Call refusal = h.slack.await("response_url");
        assertThat(refusal.param("response_type")).isEqualTo("ephemeral");
        assertThat(refusal.json().get("replace_original").asBoolean()).isFalse();
        assertThat(refusal.blocksText()).contains("The candidate moved since this message (now " + now + "): install candidate " + now
                + " and use the new prompt").contains("nothing was recorded").doesNotContain("Exception");
        h.awaitIdle();
        assertThat(h.slack.calls("views.open")).isEmpty();
        assertThat(h.statusJson()).isEqualTo(before);
        assertThat(signOffs()).isEmpty();
    }

    @Test
    void aMoveNobodyHasSeenYetIsFoundAtTheClickAndNothingIsStored() throws Exception {
        JsonNode fail = h.statusButton(PIERRE, "signoff-fail");
        h.bot.git.head("openedx/configuration", TestBot.sha('d'));
        var koa = new dev.btrbot.domain.ReleaseName("koa.2");
        int seen = h.bot.store.read(tx -> tx.candidates().history(koa)).size();
        int audited = h.bot.store.read(tx -> tx.audit().forRelease(koa)).size();
        h.slack.calls.clear();

        h.click(PIERRE, fail, "unseen-move");
        assertThat(h.slack.await("response_url").blocksText()).contains("The candidate moved since this message");
        assertThat(h.slack.calls("views.open")).isEmpty();
        int seenAfter = h.bot.store.read(tx -> tx.candidates().history(koa)).size();
        int auditedAfter = h.bot.store.read(tx -> tx.audit().forRelease(koa)).size();
        assertThat(seenAfter).isEqualTo(seen);
        assertThat(auditedAfter).isEqualTo(audited);
    }

    @Test
    @Timeout(60)
    void whenGitIsSlowTheNewestCandidateTheStoreSawDecidesWithinSlacksThreeSeconds() throws Exception {
        JsonNode pass = h.statusButton(PIERRE, "signoff-pass");
        h.bot.git.head("openedx/edx-platform", TestBot.sha('c'));
        h.statusJson(); // the bot sees the new candidate
        h.bot.git.hold(); // git hangs: the click is decided without it, within the patience the trigger_id leaves
        h.slack.calls.clear();

        var ack = h.click(PIERRE, pass, "slow-git");
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(h.slack.await("response_url").blocksText()).contains("The candidate moved since this message");
        h.awaitIdle();
        assertThat(h.slack.calls("views.open")).isEmpty();
        h.bot.git.letGo();
        assertThat(SlackAdapter.CLICK_PATIENCE).isLessThan(SlackAdapter.TRIGGER_LIFETIME);
    }

    @Test
    void whenGitCannotBeReadAndTheStoreKnowsNoNewerCandidateTheModalOpensAndSubmitDecides() throws Exception {
        JsonNode pass = h.statusButton(PIERRE, "signoff-pass");
        h.bot.git.unreachable("github.com: connection refused");
        h.slack.calls.clear();
        h.click(PIERRE, pass, "git-down");
        assertThat(h.slack.await("views.open").jsonParam("view").path("callback_id").asText()).isEqualTo(SignOffModal.CALLBACK_ID);
        h.awaitIdle();
        assertThat(h.slack.calls("response_url")).isEmpty();
    }

    @Test
    void theRefusalNamesTheReleaseCandidateTagTestersShouldInstall() throws Exception {
        JsonNode pass = h.statusButton(PIERRE, "signoff-pass");
        h.bot.git.head("openedx/edx-platform", TestBot.sha('c'));
        h.bot.expectOk("candidate tag koa.2");
        String rc = h.bot.tagger.requests.get(h.bot.tagger.requests.size() - 1).tagName().toString();
        h.slack.calls.clear();
        h.click(PIERRE, pass, "rc");
        assertThat(h.slack.await("response_url").blocksText()).contains("install " + rc + " (candidate ");
    }

    @Test
    void aSignOffClickOnACancelledReleaseIsRefusedWithoutTheModal() throws Exception {
        JsonNode pass = h.statusButton(PIERRE, "signoff-pass");
        h.bot.expectOk("release cancel koa.2");
        h.slack.calls.clear();
        h.click(PIERRE, pass, "cancelled");
        assertThat(h.slack.await("response_url").blocksText()).contains("koa.2 is cancelled: sign-offs are closed.");
        assertThat(h.slack.calls("views.open")).isEmpty();
    }

    @Test
    void aModalWithoutEnvironmentIsSentBackWithAnError() throws Exception {
        String metadata = openSignOffModal(PIERRE);
        var r = h.submit(PIERRE, metadata, "  ", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"response_action\":\"errors\"").contains("\"env\"");
    }

    @Test
    void roleButtonClickedBySomeoneElseIsRefusedEphemerallyAndTheOfferedMemberCanAccept() throws Exception {
        h.bot.expectOk("pool triage add " + SOFIA);
        h.slash("ned", "rotate koa.2", "rotate");
        assertThat(h.slack.await("response_url").blocksText()).contains("triage: offered to " + SOFIA);
        FakeSlackApi.Call prompt = h.slack.await("chat.postMessage", c -> SOFIA.equals(c.param("channel")));
        assertThat(prompt.blocksText()).contains("triage").contains("koa.2");
        JsonNode accept = SlackHarness.button(prompt, "role-accept");
        h.slack.calls.clear();
        String before = h.statusJson();

        h.click(PIERRE, accept, "wrong-user");
        FakeSlackApi.Call refusal = h.slack.await("response_url");
        assertThat(refusal.param("response_type")).isEqualTo("ephemeral");
        assertThat(refusal.json().get("replace_original").asBoolean()).isFalse();
        assertThat(refusal.blocksText()).contains("triage for koa.2 was offered to " + SOFIA + "; only they may answer");
        assertThat(h.statusJson()).isEqualTo(before);

        h.slack.calls.clear();
        h.click(SOFIA, accept, "right-user");
        FakeSlackApi.Call accepted = h.slack.await("response_url");
        assertThat(accepted.param("response_type")).isEqualTo("in_channel");
        assertThat(accepted.blocksText()).contains(SOFIA + " is koa.2's triage");
    }

    @Test
    void tagButtonAsksForConfirmationThenTagsOnceWithProgressInOneMessage() throws Exception {
        h.bot.expectOk("@" + PIERRE + ": signoff koa.2 pass --env native");
        h.bot.expectOk("@ned: signoff koa.2 pass --env docker");
        h.slash(ADOLFO, "tag koa.2", "plan");
        JsonNode tag = SlackHarness.button(h.slack.await("response_url"), "tag-confirm");
        assertThat(tag.path("confirm").path("title").path("text").asText()).isEqualTo("Run the tag command?");
        assertThat(tag.path("confirm").path("confirm").path("text").asText()).isEqualTo("Tag");
        assertThat(h.bot.tagger.requests).isEmpty();
        h.slack.calls.clear();

        h.click(ADOLFO, tag, "tagged");
        FakeSlackApi.Call done = h.slack.await("response_url");
        assertThat(done.blocksText()).contains("succeeded");
        assertThat(h.bot.tagger.requests).hasSize(1);
        FakeSlackApi.Call progress = h.slack.await("chat.postMessage");
        assertThat(progress.param("channel")).isEqualTo(SlackHarness.CHANNEL);
        var updates = h.slack.calls("chat.update");
        assertThat(updates).isNotEmpty().allSatisfy(u -> assertThat(u.param("ts")).isNotNull());
        assertThat(updates.get(updates.size() - 1).blocksText()).contains("done (2/2 repositories)");
    }

    @Test
    void postsUpdatesAndDirectMessagesGoThroughTheWebApi() throws Exception {
        var chat = h.adapter.chat();
        var ref = chat.post(SlackHarness.CHANNEL, dev.btrbot.core.Reply.text("Daily summary for koa.2", "2 blockers open"));
        assertThat(ref.id()).isNotBlank();
        chat.update(ref, dev.btrbot.core.Reply.text("Daily summary for koa.2", "1 blocker open"));
        chat.tell(new dev.btrbot.domain.MemberId(PIERRE), dev.btrbot.core.Reply.text("You are offered manual-qa"));
        assertThat(h.slack.calls("chat.postMessage")).extracting(c -> c.param("channel")).containsExactly(SlackHarness.CHANNEL, PIERRE);
        FakeSlackApi.Call update = h.slack.calls("chat.update").get(0);
        assertThat(update.param("ts")).isEqualTo(ref.id());
        assertThat(update.blocksText()).contains("1 blocker open");
        assertThat(chat.reaches("C0KOA0001")).isTrue();
        assertThat(chat.reaches("console")).isFalse();
        assertThat(chat.reaches(new dev.btrbot.domain.MemberId("W0ENTERP1"))).isTrue();
        assertThat(chat.reaches(new dev.btrbot.domain.MemberId("alice"))).isFalse();
    }

    @Test
    void anAnnouncementSlackRefusesIsReportedNotRecordedAndPostedOnceWhenRetriedAfterSlackRecovers() throws Exception {
        h.bot.expectOk("@" + PIERRE + ": signoff koa.2 pass --env native");
        h.bot.expectOk("@ned: signoff koa.2 pass --env docker");
        h.bot.expectOk("@" + ADOLFO + ": tag koa.2 --confirm");
        h.bot.expectOk("@ned: notes koa.2 approve");
        h.slack.refuse("chat.postMessage", "channel_not_found");

        var refused = h.bot.reply("announce koa.2");
        assertThat(refused.isError()).isTrue();
        assertThat(refused.title()).contains("could not be posted").contains("channel_not_found").contains("nothing was announced");
        assertThat(h.statusJson()).contains("\"state\" : \"tagged\"");
        assertThat(h.bot.exec("audit koa.2")).contains("announce.failed");

        h.slack.recover("chat.postMessage");
        h.slack.calls.clear();
        assertThat(h.bot.expectOk("announce koa.2")).contains("Announced koa.2 in " + SlackHarness.CHANNEL);
        assertThat(h.slack.calls("chat.postMessage")).hasSize(1)
                .allSatisfy(c -> assertThat(c.blocksText()).contains("koa.2"));
        assertThat(h.statusJson()).contains("\"state\" : \"announced\"");
        assertThat(h.bot.reply("announce koa.2").title()).contains("was announced already");
        assertThat(h.slack.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void aPostOrDirectMessageSlackRefusesIsThrownAsUndelivered() {
        h.slack.refuse("chat.postMessage", "not_in_channel");
        var chat = h.adapter.chat();
        assertThatThrownBy(() -> chat.post(SlackHarness.CHANNEL, dev.btrbot.core.Reply.text("Daily summary for koa.2")))
                .isInstanceOf(dev.btrbot.core.Chat.Undelivered.class).hasMessageContaining("not_in_channel");
        assertThatThrownBy(() -> chat.tell(new dev.btrbot.domain.MemberId(PIERRE), dev.btrbot.core.Reply.text("You are offered manual-qa")))
                .isInstanceOf(dev.btrbot.core.Chat.Undelivered.class);
    }

    @Test
    void aReleaseChannelMustBeOneAConfiguredPlatformReaches() {
        var refused = h.bot.reply("release create koa.3 --branch open-release/koa.master --channel '#releases'");
        assertThat(refused.isError()).isTrue();
        assertThat(refused.title()).isEqualTo("No configured chat platform reaches '#releases': give a Slack channel id (C0123ABCD)"
                + " or a Matrix room (!id:server or #alias:server).");
        assertThat(h.bot.reply("release create koa.3 --branch b --channel '!room:example.org'").isError()).isTrue();
        assertThat(h.bot.exec("release list")).doesNotContain("koa.3");
        h.bot.expectOk("release create koa.3 --branch open-release/koa.master --channel C0123ABCD");
    }

    @Test
    void aRateLimitedPostIsRetriedAfterRetryAfter() throws Exception {
        h.slack.rateLimitNext("chat.postMessage");
        var ref = h.adapter.chat().post(SlackHarness.CHANNEL, dev.btrbot.core.Reply.text("Announcement: koa.2"));
        var calls = h.slack.calls("chat.postMessage");
        assertThat(calls).hasSize(2);
        assertThat(h.waits.waited).containsExactly(Duration.ofSeconds(1));
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(ref.id()).isNotBlank();
    }

    @Test
    void aRateLimitedResponseUrlAnswerIsRetriedAfterRetryAfter() throws Exception {
        h.slack.rateLimitNext("response_url");
        h.slash(PIERRE, "status koa.2", "limited");
        var calls = h.slack.awaitCalls("response_url", 2);
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(calls.get(1).json()).isEqualTo(calls.get(0).json());
        assertThat(calls.get(1).blocksText()).contains("koa.2 — planning");
        h.awaitIdle();
        assertThat(h.slack.calls("response_url")).hasSize(2);
        assertThat(h.waits.waited).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aResponseUrlLimitedEveryTimeIsGivenUpAfterThreeAttemptsAndTheAnswerGoesToTheDmWithoutLoggingTheUrl() throws Exception {
        String logs = SlackHarness.logsDuring(() -> {
            for (int i = 0; i < 4; i++) {
                h.slack.rateLimitNext("response_url");
            }
            h.slash(PIERRE, "status koa.2", "always-limited");
            FakeSlackApi.Call dm = h.slack.await("chat.postMessage", c -> PIERRE.equals(c.param("channel")));
            assertThat(dm.blocksText()).contains("koa.2 — planning");
        });
        assertThat(h.slack.calls("response_url")).hasSize(WebApi.ATTEMPTS);
        assertThat(logs).contains("response_url not delivered (HTTP 429, attempt 3 of 3)");
        assertThat(logs).doesNotContain("/hooks/").doesNotContain(SlackHarness.TOKEN);
    }

    @Test
    void fiveHundredBlockersStillRenderWithinSlackLimits() throws Exception {
        // straight into the schema in one batch: the store's add() re-reads every blocker per insert
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + h.bot.db);
             PreparedStatement insert = db.prepareStatement("insert into blocker (release, number, url, title, priority, source,"
                     + " created_at) values ('koa.2', ?, ?, ?, ?, 'github', '2021-01-20T00:00:00Z')")) {
            db.setAutoCommit(false);
            for (int i = 1; i <= 500; i++) {
                insert.setInt(1, i);
                insert.setString(2, "https://github.com/openedx/edx-platform/issues/" + i);
                insert.setString(3, "Install fails in step " + i + " with a long enough title to be realistic");
                insert.setString(4, i % 3 == 0 ? "high" : i % 3 == 1 ? "low" : null);
                insert.addBatch();
            }
            insert.executeBatch();
            db.commit();
        }
        assertThat(h.bot.exec("blockers koa.2")).contains("#500 Install fails in step 500");
        h.slack.calls.clear();
        h.slash(PIERRE, "blockers koa.2", "blockers");
        FakeSlackApi.Call answer = h.slack.await("response_url");
        JsonNode blocks = answer.jsonParam("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        blocks.findValues("text").forEach(t -> assertThat(t.isTextual() ? t.asText() : t.path("text").asText()).hasSizeLessThanOrEqualTo(3000));
        String text = answer.blocksText();
        assertThat(text).contains("*untriaged (167)*").contains("*high (166)*").contains("*low (167)*").contains("_… and ")
                .contains("more not shown here").contains("<https://btr.example.org/releases/koa.2>");
    }

    @Test
    void neitherTheTokenNorTheSigningSecretAppearsInTheLogs() throws Exception {
        String logs = SlackHarness.logsDuring(() -> {
            h.slash(PIERRE, "status koa.2", "ok");
            h.slack.await("response_url");
            String body = h.slashBody(PIERRE, "status koa.2", "bad");
            h.post(body, "application/x-www-form-urlencoded", "1", "v0=00");
            h.slack.rateLimitNext("chat.postMessage");
            h.slack.rateLimitNext("chat.postMessage");
            h.slack.rateLimitNext("chat.postMessage");
            assertThatThrownBy(() -> h.adapter.chat().post(SlackHarness.CHANNEL, dev.btrbot.core.Reply.text("three times limited")))
                    .isInstanceOf(dev.btrbot.core.Chat.Undelivered.class).hasMessageNotContaining(SlackHarness.TOKEN);
        });
        assertThat(logs).contains("refused a request").contains("not delivered");
        assertThat(logs).doesNotContain(SlackHarness.TOKEN).doesNotContain(SlackHarness.SECRET).doesNotContain("SeCrEt");
    }

    @Test
    void healthAndDashboardStillServeBesideSlack() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + h.web.port() + "/healthz")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("ok\n");
    }

    private JsonNode signOffs() throws Exception {
        return FakeSlackApi.JSON.readTree(h.statusJson()).get("signOffs");
    }

    /** Clicks "Passed install" on a status message and returns the modal's private_metadata. */
    private String openSignOffModal(String user) throws Exception {
        h.slash(user, "status koa.2", "status-for-modal");
        JsonNode pass = SlackHarness.button(h.slack.await("response_url"), "signoff-pass");
        h.click(user, pass, "modal");
        String metadata = h.slack.await("views.open").jsonParam("view").path("private_metadata").asText();
        h.slack.calls.clear();
        return metadata;
    }
}
