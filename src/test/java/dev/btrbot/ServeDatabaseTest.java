package dev.btrbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
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

/** {@code serve} never creates a database by itself: a missing or empty file (a volume not mounted) stops it with one line. */
@Timeout(120)
class ServeDatabaseTest {
    @TempDir
    Path dir;

    private Process serve(Path db, Map<String, String> env, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.btrbot.Main", "serve"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.startsWith("MATRIX_") || k.startsWith("GITHUB_")
                || k.startsWith("BTR_"));
        pb.environment().putAll(Map.of("BTR_DB", db.toString(), "PORT", "0", "BTR_HTTP_HOST", "127.0.0.1",
                "BTR_GIT_CACHE", dir.resolve("cache").toString()));
        pb.environment().putAll(env);
        return pb.start();
    }

    /** What a serve that must refuse printed; one that starts instead is stopped and fails the test. */
    private static String refusal(Process p) throws Exception {
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("serve refused to start: " + out).isTrue();
        assertThat(p.exitValue()).as("exit code").isEqualTo(2);
        return out;
    }

    @Test
    void anEmptyDatabaseFileIsNotTakenForANewOne() throws Exception {
        Path db = Files.createFile(dir.resolve("btr.db"));
        String out = refusal(serve(db, Map.of()));

        assertThat(out.strip()).isEqualTo("btr-bot: the database " + db + " is empty (0 bytes); serve creates one only when told to"
                + " (serve --init, or BTR_DB_CREATE=true). Is the volume that holds it mounted?");
        assertThat(Files.size(db)).isZero();
    }

    @Test
    void aMissingDatabaseIsNotCreated() throws Exception {
        Path db = dir.resolve("volume").resolve("btr.db");
        String out = refusal(serve(db, Map.of()));

        assertThat(out).startsWith("btr-bot: the database " + db + " does not exist; serve creates one only when told to");
        assertThat(out.lines()).hasSize(1);
        assertThat(db.getParent()).doesNotExist();
    }

    @Test
    void toldToItCreatesTheDatabaseWithInitOrTheEnvironment() throws Exception {
        for (var start : List.of(List.of("--init"), List.of("BTR_DB_CREATE=true"))) {
            Path db = dir.resolve(start.get(0).replaceAll("\\W", "") + ".db");
            Process p = start.get(0).startsWith("--") ? serve(db, Map.of(), start.get(0))
                    : serve(db, Map.of("BTR_DB_CREATE", "true"));
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.contains("btr-bot serving on")) {
                    // start-up log
                }
                assertThat(line).as("started with " + start).isNotNull();
            } finally {
                p.destroy();
                p.waitFor(60, TimeUnit.SECONDS);
            }
            assertThat(Files.size(db)).isPositive();
        }
    }
}
