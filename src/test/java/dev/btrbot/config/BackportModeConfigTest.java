package dev.btrbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BTR_BACKPORT_CHECK and BTR_GITHUB_CLOSED_DAYS, read once at start. */
class BackportModeConfigTest {
    @Test
    void theDefaultsAreAutoAndNinetyDays() {
        BotConfig.GitHub github = BotConfig.fromEnvironment(Map.of()).github();
        assertThat(github.backportCheck()).isEqualTo(BotConfig.BackportMode.AUTO);
        assertThat(github.closedWindow()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void theApiModeNeedsATokenAndAnUnknownModeIsNamed() {
        assertThatThrownBy(() -> BotConfig.fromEnvironment(Map.of("BTR_BACKPORT_CHECK", "api")))
                .hasMessage("BTR_BACKPORT_CHECK=api needs GITHUB_TOKEN.");
        assertThatThrownBy(() -> BotConfig.fromEnvironment(Map.of("BTR_BACKPORT_CHECK", "git")))
                .hasMessage("BTR_BACKPORT_CHECK must be mirror, api or auto, not 'git'.");
        BotConfig config = BotConfig.fromEnvironment(Map.of("BTR_BACKPORT_CHECK", "API", "GITHUB_TOKEN", "ghp_x",
                "BTR_GITHUB_CLOSED_DAYS", "0"));
        assertThat(config.github().backportCheck()).isEqualTo(BotConfig.BackportMode.API);
        assertThat(config.github().closedWindow()).isZero();
        assertThat(config.github().toString()).doesNotContain("ghp_x");
    }
}
