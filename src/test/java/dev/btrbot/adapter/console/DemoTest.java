package dev.btrbot.adapter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
}
