package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.testing.TestBot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Words starting with '@' are text from chat, never a path whose contents the parser reads in. */
class ChatTextIsNeverAFileTest {
    @TempDir
    Path dir;

    @Test
    void anAtPathInACommandIsKeptAsWrittenAndNoFileIsRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SLACK_BOT_TOKEN=xoxb-very-secret");
        TestBot bot = TestBot.builder(dir).build().withKoa2();
        bot.expectOk("@pierre: signoff koa.2 pass --env @" + secret + " @" + secret);
        bot.expectOk("hold koa.2 @" + secret);
        String everything = bot.exec("status koa.2 --json") + bot.exec("audit koa.2");
        assertThat(everything).doesNotContain("xoxb-very-secret").contains("@" + secret);
    }
}
