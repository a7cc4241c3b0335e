package dev.btrbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardsConfigTest {
    @Test
    void theDefaultsServeThePublicDashboardLimitMembersAndCreateNoDatabase() {
        BotConfig.Guards guards = BotConfig.fromEnvironment(Map.of()).guards();
        assertThat(guards).isEqualTo(new BotConfig.Guards(60, false, BotConfig.Dashboard.PUBLIC, 32));
    }

    @Test
    void eachGuardIsSetFromTheEnvironment() {
        BotConfig.Guards guards = BotConfig.fromEnvironment(Map.of("BTR_MEMBER_CHANGES_PER_HOUR", "0", "BTR_DB_CREATE", "TRUE",
                "BTR_DASHBOARD", "off", "BTR_HTTP_CONNECTIONS_PER_ADDRESS", "0")).guards();
        assertThat(guards).isEqualTo(new BotConfig.Guards(0, true, BotConfig.Dashboard.OFF, 0));
    }

    @Test
    void aBadValueIsOneLineNamingTheVariable() {
        assertThatThrownBy(() -> BotConfig.fromEnvironment(Map.of("BTR_DASHBOARD", "private")))
                .hasMessage("BTR_DASHBOARD must be public or off, not 'private'.");
        assertThatThrownBy(() -> BotConfig.fromEnvironment(Map.of("BTR_DB_CREATE", "yes")))
                .hasMessage("BTR_DB_CREATE must be true or false, not 'yes'.");
        assertThatThrownBy(() -> BotConfig.fromEnvironment(Map.of("BTR_MEMBER_CHANGES_PER_HOUR", "-1")))
                .hasMessageStartingWith("BTR_MEMBER_CHANGES_PER_HOUR must be a whole number from 0");
    }
}
