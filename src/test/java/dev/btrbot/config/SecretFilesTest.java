package dev.btrbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets come from the environment or from files named by NAME_FILE (Docker and Compose secrets). */
class SecretFilesTest {
    @TempDir
    Path dir;

    @Test
    void aSecretFileGivesItsVariableWithoutTheTrailingNewline() throws Exception {
        Path token = Files.writeString(dir.resolve("slack_bot_token"), "xoxb-from-a-file\n");
        Map<String, String> env = Environment.withSecretFiles(Map.of("SLACK_BOT_TOKEN_FILE", token.toString()));
        assertThat(env).containsEntry("SLACK_BOT_TOKEN", "xoxb-from-a-file");
        assertThat(BotConfig.fromEnvironment(env).slack()).isNotNull();
    }

    @Test
    void aValueSetDirectlyWinsOverItsFile() throws Exception {
        Path token = Files.writeString(dir.resolve("t"), "from-file");
        Map<String, String> env = Environment.withSecretFiles(Map.of("GITHUB_TOKEN", "direct", "GITHUB_TOKEN_FILE", token.toString()));
        assertThat(env).containsEntry("GITHUB_TOKEN", "direct");
    }

    @Test
    void variablesEndingInFileThatAreNoSecretsOfOursAreLeftAlone() {
        Map<String, String> raw = Map.of("TF_CLI_CONFIG_FILE", dir.resolve("missing").toString(), "BTR_CHECKLIST_FILE", "checklist.yaml");
        assertThat(Environment.withSecretFiles(raw)).isEqualTo(raw);
    }

    @Test
    void anUnreadableSecretFileStopsTheStartNamingTheVariableNotTheContent() {
        assertThatThrownBy(() -> Environment.withSecretFiles(Map.of("MATRIX_PASSWORD_FILE", dir.resolve("missing").toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MATRIX_PASSWORD_FILE must name a readable file of at most 64 KiB.");
    }
}
