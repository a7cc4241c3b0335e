package dev.btrbot.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * slack/manifest.json is what an admin pastes to create the app: it must be
 * valid against the schema Slack publishes (src/test/resources/wire/slack/manifest,
 * from slackapi/manifest-schema, MIT) and ask only for what the bot uses.
 */
class SlackManifestTest {
    static final Path MANIFEST = Path.of("slack", "manifest.json");

    static JsonNode read(Path p) throws Exception {
        return FakeSlackApi.JSON.readTree(Files.readString(p));
    }

    @Test
    void manifestIsValidAgainstSlacksSchema() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(read(FakeSlackApi.FIXTURES.resolve("manifest").resolve("manifest.schema.1.0.0.json")));
        assertThat(schema.validate(read(FakeSlackApi.FIXTURES.resolve("manifest").resolve("manifest.valid.example.json"))))
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
        // commands: /btr; chat:write: postMessage, update, postEphemeral and DMs. views.open needs no scope.
        assertThat(scopes).containsExactlyInAnyOrder("commands", "chat:write");
        assertThat(m.at("/features/app_home/messages_tab_enabled").asBoolean()).as("DMs (role prompts) are readable").isTrue();
    }
}
