package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.domain.MemberId;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With BTR_PUBLIC_URL set, what the bot says in chat links to the release's dashboard page; without it, nothing changes. */
class DashboardLinksTest {
    @TempDir
    Path dir;

    static BotSettings withPublicUrl(String url) {
        return TestBot.settings().withPublicUrl(url);
    }

    @Test
    void statusSummaryAndAnnouncementLinkToTheReleasePage() {
        TestBot bot = TestBot.builder(dir).settings(withPublicUrl("https://btr.example.org/")).build().withKoa2();
        String page = "https://btr.example.org/releases/koa.2";

        // first, so a reply clipped to fit a chat message keeps it
        Reply status = bot.reply("status koa.2");
        assertThat(status.sections().get(0)).isEqualTo(new Reply.Section("dashboard", java.util.List.of(page)));
        bot.expectOk("summary koa.2");
        Reply summary = bot.chat.posts.get(0).message();
        assertThat(summary.sections()).contains(new Reply.Section("dashboard", java.util.List.of(page)));

        bot.expectOk("@pierre: signoff koa.2 pass --env \"Ubuntu 20.04, native\"");
        bot.expectOk("@sofiane: signoff koa.2 pass --env AWS");
        bot.expectOk("@adolfo: tag koa.2 --confirm");
        bot.expectOk("notes koa.2 approve");
        bot.expectOk("announce koa.2");
        assertThat(TextRenderer.render(bot.chat.posts.get(bot.chat.posts.size() - 1).message()))
                .contains("koa.2 is released as koa.2").contains("Status page: " + page);
    }

    @Test
    void withoutAPublicUrlNothingLinks() {
        TestBot bot = TestBot.builder(dir).build().withKoa2();
        assertThat(bot.expectOk("status koa.2")).doesNotContain("dashboard");
        bot.expectOk("summary koa.2");
        assertThat(TextRenderer.render(bot.chat.posts.get(0).message())).doesNotContain("dashboard").doesNotContain("http");
    }

    @Test
    void theDashboardsOwnViewDoesNotLinkToItself() {
        TestBot bot = TestBot.builder(dir).settings(withPublicUrl("https://btr.example.org")).build().withKoa2();
        bot.expectOk("status koa.2");
        assertThat(bot.expectOk("status koa.2 --stored --redacted")).doesNotContain("btr.example.org");
    }
}
