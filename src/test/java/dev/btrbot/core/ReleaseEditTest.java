package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release's definition can be mended until it is tagged, and what it names is read at once. */
class ReleaseEditTest {
    @TempDir
    Path dir;
    TestBot bot;

    @BeforeEach
    void setUp() {
        bot = TestBot.builder(dir).build();
        bot.git.head("openedx/configuration", "a".repeat(40));
        bot.git.head("openedx/edx-platform", "b".repeat(40));
    }

    @Test
    void aReleaseCreatedWithoutRepositoriesGetsThemLaterOnTheRecord() {
        bot.expectOk("release create koa.2 --branch open-release/koa.master");
        String reply = bot.expectOk("release edit koa.2 --repos openedx/configuration --milestone Koa.2");
        assertThat(reply).contains("repos:  → https://github.com/openedx/configuration.git").contains("milestone: none → Koa.2");
        bot.expectOk("release edit koa.2 --add-repo openedx/edx-platform");
        assertThat(bot.exec("status koa.2")).contains("configuration @ aaaaaaaaaa").contains("edx-platform @ bbbbbbbbbb");
        assertThat(bot.exec("audit koa.2")).contains("release.edit").contains("milestone: none → Koa.2");
        bot.expectOk("release edit koa.2 --milestone none --remove-repo edx-platform");
        String json = bot.exec("status koa.2 --json");
        assertThat(json).containsPattern("\"milestone\"\\s*:\\s*null").doesNotContain("edx-platform.git");
    }

    @Test
    void changingTheRepositoriesMakesEarlierSignOffsStale() {
        bot.withKoa2();
        bot.expectOk("@pierre: signoff koa.2 pass --env native");
        assertThat(bot.expectOk("release edit koa.2 --remove-repo edx-platform"))
                .contains("sign-offs on the old candidate no longer count");
        assertThat(bot.exec("status koa.2")).contains("(stale) pierre pass on older candidate");
    }

    @Test
    void onlyManagersEditAndNothingChangesWithoutANewValue() {
        bot.withKoa2();
        String before = bot.exec("status koa.2 --json") + bot.exec("audit koa.2 --json");
        assertThat(bot.exec("@pierre: release edit koa.2 --target 2021-02-09")).contains("may edit the release");
        assertThat(bot.exec("release edit koa.2")).contains("Nothing to change");
        assertThat(bot.exec("release edit koa.2 --remove-repo frobnitz")).contains("is not a repository of koa.2");
        assertThat(bot.exec("release edit koa.2 --add-repo openedx/configuration")).contains("has a repository named configuration already");
        assertThat(bot.exec("status koa.2 --json") + bot.exec("audit koa.2 --json")).isEqualTo(before);
    }

    @Test
    void theTagTemplatesStayOnceAReleaseCandidateWasPushed() {
        bot.withKoa2();
        bot.expectOk("release edit koa.2 --tag-template open-release/{release}");
        bot.expectOk("@adolfo: candidate tag koa.2");
        assertThat(bot.exec("release edit koa.2 --tag-template release/{release}")).contains("were pushed with the current tag templates");
        bot.expectOk("release edit koa.2 --target 2021-02-09");
        assertThat(bot.expectOk("release edit koa.2 --target none")).contains("target: 2021-02-09 → none");
    }

    @Test
    void repositoriesWhoseBranchCannotBeReadAreNamedButTheReleaseIsCreated() {
        String reply = bot.expectOk("release create koa.3 --branch open-release/koa.master --repos openedx/configuration,openedx/nowhere");
        assertThat(reply).contains("warning: nowhere").contains("has no branch open-release/koa.master")
                .doesNotContain("warning: configuration").contains("'release edit koa.3");
        assertThat(bot.exec("release list")).contains("koa.3");
    }
}
