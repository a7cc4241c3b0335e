package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.adapter.store.SqliteStore;
import dev.btrbot.domain.MemberId;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member makes at most 60 changes an hour, counted from the audit log every process shares; admins are not limited. */
class MemberChangeLimitTest {
    @TempDir
    Path dir;
    TestBot bot;

    @BeforeEach
    void koa2() {
        bot = TestBot.builder(dir).build().withKoa2();
    }

    private void addBlockers(String member, int from, int count) {
        for (int i = from; i < from + count; i++) {
            bot.expectOk("@" + member + ": blocker add koa.2 https://x.org/" + i);
            bot.clock.advance(Duration.ofSeconds(30));
        }
    }

    @Test
    void theSixtyFirstChangeInAnHourIsRefusedWithWhenToTryAgain() {
        addBlockers("mallory", 1, 60);                      // 09:00:00 to 09:29:30
        String before = bot.exec("status koa.2 --json") + bot.exec("audit koa.2 --json");

        Reply refused = bot.reply("@mallory: blocker add koa.2 https://x.org/61");
        assertThat(refused.isError()).isTrue();
        assertThat(refused.title()).isEqualTo("You made 60 changes in the last hour, the most a member may; try again after 10:00 UTC"
                + " (in 30 min).");
        assertThat(refused.sections()).isEmpty();
        assertThat(bot.exec("status koa.2 --json") + bot.exec("audit koa.2 --json")).isEqualTo(before);
        // reading is never limited, nor is anyone else
        assertThat(bot.reply("@mallory: blockers koa.2").isError()).isFalse();
        assertThat(bot.reply("@mallory: tag koa.2").title()).doesNotContain("You made");
        bot.expectOk("@pierre: blocker add koa.2 https://x.org/pierre");
        bot.expectOk("blocker add koa.2 https://x.org/ned");

        bot.clock.set(java.time.Instant.parse("2021-02-01T10:00:01Z"));
        bot.expectOk("@mallory: blocker add koa.2 https://x.org/61");
        assertThat(bot.reply("@mallory: blocker add koa.2 https://x.org/62").isError()).isTrue();
    }

    @Test
    void adminsAreNotLimited() {
        for (int i = 0; i < 65; i++) {
            bot.expectOk("blocker add koa.2 https://x.org/" + i);
        }
    }

    @Test
    void everyProcessOnTheStoreCountsTheSameChanges() {
        addBlockers("mallory", 1, 30);
        Bot replica = bot.wiring.toBuilder().store(SqliteStore.open(bot.db)).chat(bot.chat).processId("test-host:2").build().bot();
        for (int i = 31; i <= 60; i++) {
            assertThat(replica.handle(new Invocation(new MemberId("mallory"), "blocker add koa.2 https://x.org/" + i)).isError())
                    .isFalse();
        }
        assertThat(bot.reply("@mallory: blocker add koa.2 https://x.org/61").title()).startsWith("You made 60 changes");
        assertThat(TextRenderer.render(replica.handle(new Invocation(new MemberId("mallory"), "signoff koa.2 pass"))))
                .contains("You made 60 changes");
    }
}
