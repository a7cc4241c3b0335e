package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseDeleteTest {
    @TempDir
    Path dir;
    TestBot bot;

    @BeforeEach
    void koa() {
        bot = TestBot.builder(dir).build().withKoa2();
        bot.expectOk("role assign koa.2 release-manager maria");
        bot.expectOk("blocker add koa.2 https://discuss.openedx.org/t/4132 --title \"mysql client\" --priority high");
    }

    @Test
    void aCancelledReleaseThatNeverPushedATagIsDeletedAndItsNameCanBeUsedAgain() {
        bot.expectOk("release cancel koa.2");
        String reply = bot.expectOk("release delete koa.2");
        assertThat(reply).contains("Deleted koa.2").contains("1 blockers").contains("audit log is kept");
        assertThat(bot.exec("release list")).doesNotContain("koa.2");
        assertThat(bot.exec("status koa.2")).contains("Unknown release koa.2");

        bot.expectOk("release create Koa.2 --branch open-release/koa.master");
        assertThat(bot.exec("blockers koa.2")).doesNotContain("mysql client");
        assertThat(bot.exec("audit koa.2")).contains("release.cancel").contains("release.delete").contains("blocker.add");
    }

    @Test
    void onlyAnAdminMayDeleteAndARefusalChangesNothing() {
        bot.expectOk("release cancel koa.2");
        assertThat(bot.exec("@maria: release delete koa.2")).contains("Only an admin").contains("BTR_ADMINS");
        assertThat(bot.exec("release list")).contains("koa.2");
        assertThat(bot.exec("audit koa.2")).doesNotContain("release.delete");
    }

    @Test
    void aReleaseThatIsNotCancelledIsNotDeleted() {
        assertThat(bot.exec("release delete koa.2")).contains("only a cancelled release can be deleted")
                .contains("release cancel koa.2");
        assertThat(bot.exec("blockers koa.2")).contains("mysql client");
    }

    @Test
    void aReleaseThatPushedAReleaseCandidateStaysOnTheRecord() {
        bot.expectOk("blocker resolve koa.2 1");
        bot.expectOk("@adolfo: candidate tag koa.2");
        bot.expectOk("release cancel koa.2");
        assertThat(bot.exec("release delete koa.2")).contains("koa.2 pushed the tag koa.2rc1 (succeeded)").contains("stays on the record");
        assertThat(bot.exec("release list")).contains("koa.2");
    }
}
