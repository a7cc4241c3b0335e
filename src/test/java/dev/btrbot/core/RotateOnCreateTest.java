package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.domain.MemberId;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotateOnCreateTest {
    @TempDir
    Path dir;

    @Test
    void creatingAReleaseOffersItsRolesWhenConfigured() {
        TestBot bot = TestBot.builder(dir).settings(new BotSettings(Set.of(new MemberId("ned")), null, Duration.ofHours(24),
                BotSettings.DEFAULT_ANNOUNCEMENT, Duration.ofHours(12), true)).build();
        bot.expectOk("pool manual-qa add ana");
        assertThat(bot.expectOk("release create koa.2 --branch open-release/koa.master")).contains("manual-qa: offered to ana")
                .contains("accept by 2021-02-02 09:00 UTC");
        assertThat(bot.chat.toldTo("ana")).singleElement().satisfies(r -> assertThat(r.title()).contains("manual-qa role for koa.2"));
    }

    @Test
    void withoutTheSettingCreatingAReleaseOffersNothing() {
        TestBot bot = TestBot.builder(dir).build();
        bot.expectOk("pool manual-qa add ana");
        assertThat(bot.expectOk("release create koa.2 --branch open-release/koa.master")).contains("then rotate koa.2");
        assertThat(bot.chat.told).isEmpty();
    }
}
