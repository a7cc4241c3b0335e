package dev.btrbot.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.btrbot.config.BotConfig;
import dev.btrbot.core.Reply;
import dev.btrbot.core.Chat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * slack/manifest.json is what an admin pastes to create the app: it must be
 * valid against the schema Slack publishes (src/test/resources/wire/slack/manifest,
 * from slackapi/manifest-schema, MIT), ask only for what the bot uses, and
 * grant every scope the Web API methods the adapter calls need.
 */
class SlackManifestTest {
    static final Path MANIFEST = SlackScopes.MANIFEST;

    static JsonNode read(Path p) {
        try {
            return FakeSlackApi.JSON.readTree(Files.readString(p));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void manifestIsValidAgainstSlacksSchema() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(read(SlackSamples.ROOT.resolve("manifest").resolve("manifest.schema.1.0.0.json")));
        assertThat(schema.validate(read(SlackSamples.ROOT.resolve("manifest").resolve("manifest.valid.example.json"))))
                .as("the validator accepts Slack's own example").isEmpty();
        Set<ValidationMessage> errors = schema.validate(read(MANIFEST));
        assertThat(errors).isEmpty();
        JsonNode broken = read(MANIFEST);
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("display_information")).remove("name");
        assertThat(schema.validate(broken)).as("a manifest without a name is refused").isNotEmpty();
    }

    @Test
    void manifestDeclaresTheSlashCommandInteractivityAndOnlyTheScopesTheBotUses() throws Exception {
        JsonNode m = read(MANIFEST);
        JsonNode command = m.at("/features/slash_commands/0");
        assertThat(command.get("command").asText()).isEqualTo(SlackAdapter.COMMAND);
        assertThat(command.get("url").asText()).endsWith("/slack/events");
        assertThat(m.at("/settings/interactivity/is_enabled").asBoolean()).isTrue();
        assertThat(m.at("/settings/interactivity/request_url").asText()).isEqualTo(command.get("url").asText());
        List<String> scopes = new ArrayList<>();
        m.at("/oauth_config/scopes/bot").forEach(s -> scopes.add(s.asText()));
        // commands: /btr; chat:write: postMessage, update, postEphemeral and DMs; users:read: display names
        // (users.info). views.open needs no scope.
        assertThat(scopes).containsExactlyInAnyOrder("commands", "chat:write", "users:read");
        assertThat(m.at("/features/app_home/messages_tab_enabled").asBoolean()).as("DMs (role prompts) are readable").isTrue();
    }

    @Test
    void theManifestGrantsEveryScopeTheMethodsTheCodeCallsNeed() {
        Set<String> called = SlackScopes.calledIn(SlackScopes.SOURCES);
        assertThat(called).as("the scan finds what the adapter calls")
                .contains("auth.test", "chat.postMessage", "chat.update", "chat.postEphemeral", "views.open");
        assertThat(SlackScopes.missing(called, SlackScopes.granted(read(MANIFEST)))).isEmpty();
    }

    @Test
    void aManifestWithoutAScopeTheCodeNeedsIsCaught() {
        Set<String> called = SlackScopes.calledIn(SlackScopes.SOURCES);
        Set<String> withoutChatWrite = new java.util.TreeSet<>(SlackScopes.granted(read(MANIFEST)));
        withoutChatWrite.remove("chat:write");
        assertThat(SlackScopes.missing(called, withoutChatWrite))
                .contains("chat.postMessage: needs 'chat:write', which the manifest does not grant");
        assertThat(SlackScopes.missing(Set.of(), Set.of("chat:write")))
                .containsExactly("/btr: needs 'commands', which the manifest does not grant");
    }

    @Test
    void aMethodWhoseScopeTheTableDoesNotKnowIsCaught(@TempDir Path sources) throws Exception {
        Files.writeString(sources.resolve("Pin.java"), "class Pin { void pin() { client.pinsAdd(r -> r.channel(\"C1\")); } }");
        Set<String> called = SlackScopes.calledIn(sources);
        assertThat(called).contains("pins.add");
        assertThat(SlackScopes.missing(called, SlackScopes.granted(read(MANIFEST))))
                .singleElement().asString().startsWith("pins.add: no scope known for it");
    }

    @Test
    void theFakeRefusesAMethodWhoseScopeTheAppWasNotGrantedAsSlackDoes() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi(java.time.Clock.systemUTC(), SlackHarness.TOKEN, Set.of("commands"))) {
            SlackAdapter adapter = new SlackAdapter(new BotConfig.Slack(SlackHarness.TOKEN, SlackHarness.SECRET, null, slack.apiUrl()), null);
            assertThatThrownBy(() -> adapter.chat().post(SlackHarness.CHANNEL, Reply.text("Daily summary for koa.2")))
                    .isInstanceOf(Chat.Undelivered.class).hasMessage("chat.postMessage failed: missing_scope");
            adapter.close();
        }
    }
}
