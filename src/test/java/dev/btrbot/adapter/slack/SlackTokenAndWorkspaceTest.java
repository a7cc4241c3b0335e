package dev.btrbot.adapter.slack;

import static dev.btrbot.adapter.slack.SlackHarness.PIERRE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.btrbot.config.BotConfig;
import dev.btrbot.core.Reply;
import dev.btrbot.core.Chat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whose the bot token is decides everything: a token Slack rejects stops
 * serve before it starts, or, rejected later, is logged once, shown by
 * /healthz and never tried again; requests from a workspace other than the
 * token's are acknowledged and refused.
 */
class SlackTokenAndWorkspaceTest {
    static final String OTHER_TEAM = "T0OTHER01";

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
    void aTokenSlackRejectsIsLoggedOnceReportedByHealthzAndNeverSentAgain() throws Exception {
        String logs = SlackHarness.logsDuring(() -> {
            assertThat(health().statusCode()).isEqualTo(200);
            h.slack.revoke("token_revoked");
            Chat chat = h.adapter.chat();
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> chat.post(SlackHarness.CHANNEL, Reply.text("Daily summary for koa.2")))
                        .isInstanceOf(Chat.Undelivered.class).hasMessageContaining("token_revoked");
            }
            assertThatThrownBy(() -> chat.tell(new dev.btrbot.domain.MemberId(PIERRE), Reply.text("You are offered triage")))
                    .isInstanceOf(Chat.Undelivered.class).hasMessageContaining("token_revoked");
        });
        assertThat(h.slack.calls("chat.postMessage")).as("asked once, never again").hasSize(1);
        assertThat(count(logs, "Slack rejected the bot token \\(token_revoked\\)")).as("logged once").isEqualTo(1);
        assertThat(logs).doesNotContain(SlackHarness.TOKEN);

        HttpResponse<String> health = health();
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).isEqualTo("slack: the bot token was rejected (token_revoked)\n");
    }

    @Test
    void whileTheTokenIsRejectedACommandIsAnsweredWithTheReasonAndSlackIsNotAsked() throws Exception {
        h.slack.revoke("account_inactive");
        assertThatThrownBy(() -> h.adapter.chat().post(SlackHarness.CHANNEL, Reply.text("Daily summary for koa.2")))
                .isInstanceOf(Chat.Undelivered.class);
        h.slack.calls.clear();
        String before = h.statusJson();

        HttpResponse<String> ack = h.slash(PIERRE, "blocker add koa.2 https://discuss.openedx.org/t/7 --title x", "rejected");
        assertThat(ack.statusCode()).isEqualTo(200);
        JsonNode answer = FakeSlackApi.JSON.readTree(ack.body());
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asText()).isEqualTo("btr-bot cannot use Slack: its token was rejected (account_inactive)."
                + " Nothing was done; tell whoever runs btr-bot.");
        h.awaitIdle();
        assertThat(h.slack.calls).isEmpty();
        assertThat(h.statusJson()).isEqualTo(before);
    }

    @Test
    void serveRefusesToStartWhenSlackRejectsTheToken() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi(Clock.systemUTC(), "xoxb-the-installed-one", SlackScopes.granted(SlackScopes.manifest()))) {
            SlackAdapter adapter = new SlackAdapter(new BotConfig.Slack("xoxb-9999-revoked-SeCrEt", SlackHarness.SECRET, null,
                    slack.apiUrl()), null);
            assertThatThrownBy(() -> h.bot.wiring.serve(adapter, h.interactions, h.web)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Slack rejected SLACK_BOT_TOKEN (invalid_auth): give the Bot User OAuth Token (xoxb-…) of an app"
                            + " installed in the workspace (OAuth & Permissions)");
            assertThat(slack.calls).extracting(FakeSlackApi.Call::method).containsExactly("auth.test");
            adapter.close();
        }
    }

    @Test
    void serveStopsWithAOneLineReasonBeforeOpeningTheDatabaseWhenSlackRejectsTheToken() throws Exception {
        Path db = dir.resolve("serve.db");
        Path stderr = dir.resolve("serve.stderr");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.btrbot.Main", "serve", "--init")
                .directory(Path.of("").toAbsolutePath().toFile()).redirectError(stderr.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        java.util.Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("SLACK_") || k.startsWith("MATRIX_") || k.startsWith("GITHUB_") || k.startsWith("BTR_"));
        env.put("SLACK_BOT_TOKEN", "xoxb-0000-wrong-SeCrEt");
        env.put("SLACK_SIGNING_SECRET", SlackHarness.SECRET);
        env.put("SLACK_API_URL", h.slack.apiUrl());
        env.put("BTR_DB", db.toString());
        env.put("BTR_HTTP_HOST", "127.0.0.1");
        env.put("PORT", "0");
        h.slack.calls.clear();
        Process serve = pb.start();
        boolean ended = serve.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        if (!ended) {
            serve.destroyForcibly().waitFor();
        }
        assertThat(ended).as("serve stopped by itself").isTrue();
        assertThat(serve.exitValue()).isEqualTo(1);
        String err = java.nio.file.Files.readString(stderr);
        assertThat(err.lines().filter(l -> l.startsWith("btr-bot:")).toList()).containsExactly("btr-bot: cannot start: Slack rejected"
                + " SLACK_BOT_TOKEN (invalid_auth): give the Bot User OAuth Token (xoxb-…) of an app installed in the workspace"
                + " (OAuth & Permissions) (BTR_DEBUG=1 shows the stack trace)");
        assertThat(err).doesNotContain("\tat ").doesNotContain("wrong-SeCrEt");
        assertThat(db).as("nothing started before Slack said no").doesNotExist();
        assertThat(h.slack.calls).extracting(FakeSlackApi.Call::method).containsExactly("auth.test");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"another workspace, T0OTHER01, ''", "another enterprise, T0BTR0001, E0OTHER01"})
    void aSlashCommandFromAnotherWorkspaceIsAcknowledgedRefusedAndRunsNothing(String why, String team, String enterprise)
            throws Exception {
        String before = h.statusJson();
        HttpResponse<String> ack = h.postSigned(h.bodies.slash(PIERRE, "blocker add koa.2 https://discuss.openedx.org/t/9 --title forged",
                "foreign", team, enterprise));
        assertThat(ack.statusCode()).as(why).isEqualTo(200);
        JsonNode answer = FakeSlackApi.JSON.readTree(ack.body());
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asText()).isEqualTo("btr-bot serves another Slack workspace. Nothing was done.");

        h.slash(PIERRE, "status koa.2", "own"); // its answer comes after anything the refused one could have started
        h.slack.await("response_url");
        assertThat(h.slack.calls("response_url")).hasSize(1);
        assertThat(h.statusJson()).isEqualTo(before);
    }

    @Test
    void aClickFromAnotherWorkspaceGetsAnEphemeralRefusalAndRecordsNothing() throws Exception {
        JsonNode pass = h.statusButton(PIERRE, "signoff-pass");
        String before = h.statusJson();
        HttpResponse<String> ack = h.postSigned(h.bodies.click(PIERRE, pass, "foreign-click", h.bodies.trigger(), OTHER_TEAM));
        assertThat(ack.statusCode()).isEqualTo(200);
        FakeSlackApi.Call refusal = h.slack.await("response_url");
        assertThat(refusal.param("response_type")).isEqualTo("ephemeral");
        assertThat(refusal.blocksText()).contains("btr-bot serves another Slack workspace. Nothing was done.");
        h.awaitIdle();
        assertThat(h.slack.calls("views.open")).isEmpty();
        assertThat(h.statusJson()).isEqualTo(before);
    }

    @Test
    void aSignOffFormSubmittedFromAnotherWorkspaceIsSentBackWithTheReason() throws Exception {
        String before = h.statusJson();
        String metadata = "{\"i\":\"signoff-pass\",\"r\":\"koa.2\",\"k\":\"1234567\",\"ch\":\"" + SlackHarness.CHANNEL + "\"}";
        HttpResponse<String> ack = h.postSigned(h.bodies.submit(PIERRE, metadata, "Ubuntu 20.04, native", "fine", OTHER_TEAM));
        JsonNode answer = FakeSlackApi.JSON.readTree(ack.body());
        assertThat(answer.path("response_action").asText()).isEqualTo("errors");
        assertThat(answer.path("errors").path("env").asText()).isEqualTo("btr-bot serves another Slack workspace. Nothing was done.");
        assertThat(h.statusJson()).isEqualTo(before);
    }

    private HttpResponse<String> health() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.web.port() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
