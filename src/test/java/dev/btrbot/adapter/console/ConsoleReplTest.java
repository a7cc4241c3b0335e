package dev.btrbot.adapter.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.domain.MemberId;
import dev.btrbot.testing.TestBot;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console reads pasted sessions the way a shell would: comments, quotes, exit. */
class ConsoleReplTest {
    @TempDir
    Path dir;

    @Test
    void aCommentAfterACommandIsNotReadAsWords() {
        assertThat(ConsoleRepl.withoutComment("candidate tag koa.2            # pushes open-release/koa.2rc1"))
                .isEqualTo("candidate tag koa.2            ");
        assertThat(ConsoleRepl.withoutComment("# a whole line")).isEmpty();
    }

    @Test
    void aHashInsideQuotesOrAWordOrEscapedStays() {
        String quoted = "blocker add koa.2 https://github.com/openedx/configuration/issues/1#issuecomment-2 --title \"bug # 12\"";
        assertThat(ConsoleRepl.withoutComment(quoted)).isEqualTo(quoted);
        assertThat(ConsoleRepl.withoutComment("hold koa.2 'see # 3' # why")).isEqualTo("hold koa.2 'see # 3' ");
        assertThat(ConsoleRepl.withoutComment("hold koa.2 issue \\#3")).isEqualTo("hold koa.2 issue \\#3");
    }

    @Test
    void exitAndQuitEndTheSessionAndWhatFollowsIsNotRun() throws Exception {
        TestBot bot = TestBot.builder(dir).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        String session = "release list   # nothing yet\nquit\nrelease create koa.9 --branch b\n";
        new ConsoleRepl(bot.bot, new MemberId("ned"), out).run(new BufferedReader(new StringReader(session)), false);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("btr> release list").doesNotContain("# nothing yet").doesNotContain("koa.9");
        assertThat(bot.exec("release list")).doesNotContain("koa.9");
    }
}
