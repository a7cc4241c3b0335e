package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What status shows reads as a person expects: every part under its heading, times to the second. */
class StatusReadingTest {
    @TempDir
    Path dir;

    @Test
    void openBlockersStayUnderABlockersHeading() {
        TestBot bot = TestBot.builder(dir).build().withKoa2();
        bot.expectOk("blocker add koa.2 https://discuss.openedx.org/t/4132 --priority high --title \"mysql client\"");
        bot.expectOk("blocker add koa.2 https://discuss.openedx.org/t/4133 --title \"unknown yet\"");
        assertThat(bot.exec("status koa.2")).contains("blockers — untriaged (1)").contains("blockers — high (1)");
    }

    @Test
    void timesAreShownToTheSecondInChatAndInFullInJson() {
        TestBot bot = TestBot.builder(dir).build().withKoa2();
        bot.clock.set(java.time.Instant.parse("2021-02-01T09:00:00.123456789Z"));
        bot.expectOk("@adolfo: candidate tag koa.2");
        String status = bot.exec("status koa.2");
        assertThat(status).contains("first seen 2021-02-01T09:00:00Z").doesNotContain(".123456789");
        assertThat(bot.exec("audit koa.2")).contains("2021-02-01T09:00:00Z  ").doesNotContain(".123456789");
        assertThat(bot.exec("status koa.2 --json")).contains("2021-02-01T09:00:00.123456789Z");
    }
}
