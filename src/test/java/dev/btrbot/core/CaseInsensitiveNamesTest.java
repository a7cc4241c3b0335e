package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseInsensitiveNamesTest {
    @TempDir
    Path dir;
    TestBot bot;

    @BeforeEach
    void lime() {
        bot = TestBot.builder(dir).build();
        bot.expectOk("release create lime.1 --branch release/lime.1 --target 2021-03-01");
    }

    @Test
    void aReleaseNameInAnotherCaseNamesTheSameRelease() {
        assertThat(bot.exec("release create Lime.1 --branch release/lime.1")).contains("exists already");
        assertThat(bot.expectOk("status LIME.1")).contains("lime.1");
        assertThat(bot.exec("release list")).doesNotContain("Lime.1");
    }

    @Test
    void assigningTheHolderAgainInAnotherCaseReplacesNobody() {
        bot.expectOk("role assign lime.1 tagger adolfo");
        String again = bot.expectOk("role assign lime.1 tagger Adolfo");
        assertThat(again).contains("adolfo already is lime.1's tagger").doesNotContain("replacing");
        assertThat(bot.exec("audit lime.1")).containsOnlyOnce("role.assign");
    }

    @Test
    void replacingAHolderSaysWhom() {
        bot.expectOk("role assign lime.1 tagger adolfo");
        assertThat(bot.expectOk("role assign lime.1 tagger Pierre")).contains("pierre is lime.1's tagger (replacing adolfo)");
    }

    @Test
    void aMemberNamedInAnotherCaseIsTheSameMember() {
        bot.expectOk("role assign lime.1 triage Adolfo");
        assertThat(bot.exec("roles lime.1")).contains("adolfo").doesNotContain("Adolfo");
        assertThat(bot.exec("audit lime.1")).contains("triage → adolfo");
    }
}
