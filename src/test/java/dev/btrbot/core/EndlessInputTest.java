package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.testing.TestBot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text over 4 KB or 200 words is refused before it is parsed, with a one-line reason, and changes nothing. */
class EndlessInputTest {
    @TempDir
    Path dir;
    TestBot bot;

    @BeforeEach
    void koa2() {
        bot = TestBot.builder(dir).build().withKoa2();
    }

    private String state() {
        return bot.exec("status koa.2 --json") + bot.exec("audit koa.2 --json");
    }

    @Test
    void aCommandOver4KbIsRefusedBeforeItIsParsed() {
        String before = state();
        // unparsable too (an unclosed quote): the size decides first
        Reply reply = bot.reply("@mallory: signoff koa.2 pass \"" + "é".repeat(2100));

        assertThat(reply.isError()).isTrue();
        assertThat(reply.title()).isEqualTo("That command is 4,220 bytes long; a command may be at most 4 KB (4,096 bytes):"
                + " shorten it, or link to a longer text.");
        assertThat(reply.sections()).isEmpty();
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aCommandOver200WordsIsRefused() {
        String before = state();
        Reply reply = bot.reply("@mallory: signoff koa.2 pass " + "word ".repeat(198));

        assertThat(reply.isError()).isTrue();
        assertThat(reply.title()).isEqualTo("That command has 201 words; a command may have at most 200 (a text in quotes counts as one word).");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aCommandWithinTheBoundsIsTakenWhole() {
        String notes = "word ".repeat(380).strip();
        String text = "signoff koa.2 pass \"" + notes + "\"";
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);

        bot.expectOk("@pierre: " + text);
        assertThat(bot.exec("status koa.2 --json")).contains(notes);
        assertThat(bot.reply("@pierre: signoff koa.2 pass " + "word ".repeat(197)).isError()).isFalse();
    }
}
