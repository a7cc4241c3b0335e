package dev.btrbot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import dev.btrbot.adapter.console.ConsoleChat;
import dev.btrbot.adapter.console.ConsoleRepl;
import dev.btrbot.config.BotConfig;
import dev.btrbot.domain.MemberId;
import dev.btrbot.wiring.Production;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo tells the koa.2 story with real git, and every turn of it happens. */
class DemoTest {
    @Test
    void theKoa2StoryEndsWithTheTagOnExactlyTheSignedOffCommits() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = new Demo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).play();
        String transcript = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(transcript)
                .contains("error: NO-GO: koa.2 cannot be tagged yet")
                .contains("Missing backport: fix ")
                .contains("(stale) pierre pass on older candidate")
                .contains("Release candidate open-release/koa.2rc2 succeeded")
                .contains("Checklist: 'release notes reviewed' is open (notes-reviewer: nobody yet) — check koa.2 notes-reviewed")
                .contains("Checked 1. native-install of koa.2").contains("Every item of koa.2's checklist is checked.")
                .contains("Tagging koa.2 as open-release/koa.2 succeeded")
                .contains("koa.2 is released as open-release/koa.2")
                .contains("koa.2 is tagged already")
                .doesNotContain("Exception")
                .doesNotContain("Something went wrong");
        String configuration = transcript.substring(transcript.indexOf("configuration.git tags:"), transcript.indexOf("edx-platform.git tags:"));
        String rc2 = configuration.replaceAll("(?s).*open-release/koa\\.2rc2 tag -> ([0-9a-f]{40}).*", "$1");
        String fin = configuration.replaceAll("(?s).*open-release/koa\\.2 tag -> ([0-9a-f]{40}).*", "$1");
        String head = configuration.replaceAll("(?s).*open-release/koa\\.master is at ([0-9a-f]{40}).*", "$1");
        assertThat(fin).hasSize(40).isEqualTo(rc2).isEqualTo(head);
    }

    @TempDir
    Path dir;

    @Test
    void theReadmesConsoleSessionIsWhatSetupLeavesAndItRunsOfflineToATag() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String block = readme.substring(readme.indexOf("```\nrelease create koa.2 --branch open-release/koa.master --repos file:///tmp/koa") + 4);
        block = block.substring(0, block.indexOf("```"));
        assertThat(block).as("the README's session").isEqualTo(Demo.SESSION.replace("{dir}", "/tmp/koa"));

        Path koa = dir.resolve("koa");
        ByteArrayOutputStream setupOut = new ByteArrayOutputStream();
        assertThat(new Demo(new PrintStream(setupOut, true, StandardCharsets.UTF_8)).setUp(koa)).isZero();
        String session = Files.readString(koa.resolve("session.txt"));
        assertThat(session).isEqualTo(Demo.SESSION.replace("{dir}", koa.toString()));

        BotConfig config = BotConfig.fromEnvironment(Map.of()).withDatabase(koa.resolve("btr.db")).withConsoleUser(new MemberId("ned"))
                .withAdmins(Set.of(new MemberId("ned")), koa.resolve("git-cache"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        var bot = Production.wiring(config, new ConsoleChat(out)).bot();
        new ConsoleRepl(bot, config.consoleUser(), out).run(new BufferedReader(new StringReader(session)), false);
        String transcript = bytes.toString(StandardCharsets.UTF_8);
        assertThat(transcript).contains("NO-GO").contains("GO: every condition holds")
                .contains("Tagging koa.2 as open-release/koa.2 succeeded").doesNotContain("error:");
    }

    @Test
    void setupRefusesAFolderThatHoldsAnything() throws Exception {
        Files.writeString(dir.resolve("mine.txt"), "keep me");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Demo(new PrintStream(bytes)).setUp(dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an empty folder");
        assertThat(Files.readString(dir.resolve("mine.txt"))).isEqualTo("keep me");
    }
}
