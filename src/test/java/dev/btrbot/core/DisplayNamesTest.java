package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.domain.MemberId;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Members show by the names their platform gives them, in replies and in what the bot posts on its own. */
class DisplayNamesTest {
    static final Map<String, String> SLACK = Map.of("U2CERLKJA", "Pierre Dupont", "U0ADOLFO1", "Adolfo Brandes");

    @TempDir
    Path dir;
    TestBot bot;

    @BeforeEach
    void koa() {
        bot = TestBot.builder(dir).memberNames(member -> Optional.ofNullable(SLACK.get(member.value()))).build();
        bot.git.head("openedx/configuration", TestBot.sha('a'));
        bot.expectOk("release create koa.2 --branch open-release/koa.master --repos openedx/configuration");
        bot.expectOk("role assign koa.2 manual-qa U2CERLKJA");
        bot.expectOk("role assign koa.2 tagger U0ADOLFO1");
    }

    @Test
    void repliesNameMembersInsteadOfShowingTheirIds() {
        String roles = bot.exec("roles koa.2");
        assertThat(roles).contains("Pierre Dupont").contains("Adolfo Brandes").doesNotContain("U2CERLKJA");
        assertThat(bot.exec("@U2CERLKJA: signoff koa.2 pass --env \"Ubuntu 20.04\"")).doesNotContain("U2CERLKJA");
        assertThat(bot.exec("status koa.2")).contains("Pierre Dupont");
    }

    @Test
    void theDailySummaryAndPromptsNameMembersToo() {
        bot.expectOk("summary koa.2");
        String summary = TextRenderer.render(bot.chat.posts.get(0).message());
        assertThat(summary).contains("manual-qa: Pierre Dupont").doesNotContain("U2CERLKJA");
    }

    @Test
    void theAuditLogKeepsIdsSinceDisplayNamesAreChosenAndNeedNotBeUnique() {
        assertThat(bot.exec("audit koa.2")).contains("manual-qa → U2CERLKJA").doesNotContain("Pierre Dupont");
    }

    @Test
    void anIdSomeoneMustTypeAndTheJsonKeepTheId() {
        assertThat(bot.exec("@U2CERLKJA: release create lime.1 --branch x")).contains("'U2CERLKJA'");
        assertThat(bot.exec("status koa.2 --json")).contains("U2CERLKJA").doesNotContain("Pierre Dupont");
        assertThat(new MemberId("U2CERLKJA").value()).isEqualTo("U2CERLKJA");
    }
}
