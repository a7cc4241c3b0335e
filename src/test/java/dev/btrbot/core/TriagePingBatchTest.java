package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** However many blockers go overdue at once, one tick sends each member one triage message. */
class TriagePingBatchTest {
    @TempDir
    Path dir;

    @Test
    void oneTickSendsEachMemberOneMessageForAllTheirOverdueBlockers() {
        TestBot bot = TestBot.builder(dir).build().withKoa2();
        bot.git.head("openedx/xblock", TestBot.sha('c'));
        bot.expectOk("release create koa.3 --branch open-release/koa.master --repos openedx/xblock");
        bot.expectOk("role assign koa.3 triage tina");
        for (int i = 1; i <= 25; i++) {
            bot.expectOk("blocker add koa.2 https://x.org/" + i + " --reported 2021-01-01 --title \"report " + i + "\"");
        }
        bot.expectOk("blocker add koa.3 https://x.org/3-1 --reported 2021-01-31");    // 33 h: past the SLA, not twice
        bot.tick();

        assertThat(bot.chat.toldTo("tina")).hasSize(1);
        assertThat(bot.chat.toldTo("ned")).hasSize(1);                                  // the manager, for the 25 twice overdue
        String tina = TextRenderer.render(bot.chat.toldTo("tina").get(0));
        assertThat(tina).startsWith("26 untriaged blockers are past the 24 h triage SLA")
                .contains("  koa.2:\n    #1 (753 h, twice the SLA) report 1 — https://x.org/1")
                .contains("#20 (753 h, twice the SLA) report 20").doesNotContain("#21 (")
                .contains("… and 5 more: 'blockers koa.2' lists them.")
                .contains("triage: tina · release manager: ned")
                .contains("  koa.3:\n    #1 (33 h) /3-1 — https://x.org/3-1")
                .contains("blocker priority koa.3 <number> critical|high|medium|low");
        assertThat(TextRenderer.render(bot.chat.toldTo("ned").get(0))).startsWith("25 untriaged blockers").doesNotContain("koa.3:");
        assertThat(bot.exec("audit koa.2").lines().filter(l -> l.contains("triage.ping"))).hasSize(25);
        assertThat(bot.exec("status koa.2")).doesNotContain("did not reach the chat");

        bot.clock.advance(Duration.ofMinutes(1));
        bot.tick();
        assertThat(bot.chat.told).hasSize(2);
    }

    @Test
    void pingsThatDidNotReachTheChatStayUnsentAndAreListed() {
        TestBot bot = TestBot.builder(dir).build().withKoa2();
        bot.expectOk("blocker add koa.2 https://x.org/1 --reported 2021-01-31");
        bot.expectOk("blocker add koa.2 https://x.org/2 --reported 2021-01-31");
        bot.chat.down = true;
        bot.tick();
        bot.chat.down = false;
        bot.clock.advance(Duration.ofMinutes(10));
        bot.tick();

        assertThat(bot.chat.told).isEmpty();
        assertThat(bot.exec("status koa.2")).contains("triage-1x 1 (due 2021-02-01T09:00:00Z) did not reach the chat")
                .contains("triage-1x 2 (due 2021-02-01T09:00:00Z) did not reach the chat");
    }
}
