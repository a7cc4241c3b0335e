package dev.btrbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What stops the real main (a JVM of its own) before it touches anything: one line, exit code 2, no database created. */
@Timeout(120)
class StartupRefusalsTest {
    @TempDir
    Path dir;

    /** The process's output, once it ended with exit code 2. */
    private String refused(Map<String, String> env, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.btrbot.Main"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                Files.writeString(dir.resolve("stdin"), "status koa.2\n").toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.startsWith("MATRIX_") || k.startsWith("GITHUB_")
                || k.startsWith("BTR_"));
        pb.environment().putAll(Map.of("BTR_DB", dir.resolve("btr.db").toString(), "BTR_GIT_CACHE", dir.resolve("cache").toString()));
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("it stopped: " + out).isTrue();
        assertThat(p.exitValue()).as("exit code: " + out).isEqualTo(2);
        assertThat(dir.resolve("btr.db")).as("no database created").doesNotExist();
        return out.strip();
    }

    @Test
    void tickRefusesToPostWhenMatrixIsConfigured() throws Exception {
        String out = refused(Map.of("MATRIX_HOMESERVER_URL", "http://127.0.0.1:9", "MATRIX_ACCESS_TOKEN", "syt_secret"), "tick");
        assertThat(out).isEqualTo("btr-bot: tick cannot post to Matrix; with MATRIX_HOMESERVER_URL set, serve sends what is due itself"
                + " (every BTR_TICK_SECONDS).");
        assertThat(out).doesNotContain("syt_secret");
    }

    @Test
    void aBadChecklistFileStopsTheStartNamingItsLine() throws Exception {
        Path file = Files.writeString(dir.resolve("runbook.txt"), "manual-qa: installed the rc\ntriage: closed the must-haves\nreviewed the notes\n");
        for (String command : List.of("console", "serve", "tick")) {
            assertThat(refused(Map.of("BTR_CHECKLIST_FILE", file.toString()), command)).isEqualTo("btr-bot: BTR_CHECKLIST_FILE " + file
                    + ", line 3: expected 'role: text' or 'id role: text', e.g. 'manual-qa: installed the rc', not 'reviewed the notes'.");
        }
    }
}
