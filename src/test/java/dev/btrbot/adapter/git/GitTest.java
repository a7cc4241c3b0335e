package dev.btrbot.adapter.git;

import dev.btrbot.testing.TestGit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's limits, checked with stand-in executables in place of git. */
class GitTest {
    @TempDir
    Path tmp;

    @Test
    void argumentsArriveAsTheyAreWithNoPromptsAndTheCLocale() {
        Path fake = TestGit.executable(tmp.resolve("fake-git"),
                "#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done\necho \"$GIT_TERMINAL_PROMPT $LC_ALL\"\necho oops >&2\nexit 3\n");

        Git.Result result = new Git(fake.toString(), Duration.ofSeconds(10)).run("log", "--grep=a b; rm -rf /", "$HOME");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("[log]\n[--grep=a b; rm -rf /]\n[$HOME]\n0 C\n");
        assertThat(result.firstErrorLine()).isEqualTo("oops");
    }

    @Test
    void aHangingGitIsStoppedAtTheTimeout() {
        Path pid = tmp.resolve("slow-git.pid");
        Path fake = TestGit.executable(tmp.resolve("slow-git"), "#!/bin/sh\necho $$ > '" + pid + "'\nexec sleep 300\n");

        Git.Result result = new Git(fake.toString(), Duration.ofSeconds(1)).run("fetch");

        assertThat(result.ok()).isFalse();
        assertThat(result.firstErrorLine()).isEqualTo("git timed out after 1 s");
        TestGit.assertKilled(pid);
    }

    @Test
    void outputBeyondTheLimitIsDrainedAndDropped() {
        Path fake = TestGit.executable(tmp.resolve("loud-git"),
                "#!/bin/sh\nhead -c 3000000 /dev/zero | tr '\\0' x\nhead -c 300000 /dev/zero | tr '\\0' y >&2\n");

        Git.Result result = new Git(fake.toString(), Duration.ofSeconds(20)).run("log");

        assertThat(result.ok()).isTrue();
        assertThat(result.stdout()).hasSize(Git.STDOUT_LIMIT);
        assertThat(result.stderr()).hasSize(Git.STDERR_LIMIT);
    }

    @Test
    void aMissingExecutableIsAFailedResult() {
        Git.Result result = new Git(tmp.resolve("no-git").toString(), Duration.ofSeconds(5)).run("status");

        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.firstErrorLine()).startsWith("cannot run ");
    }
}
