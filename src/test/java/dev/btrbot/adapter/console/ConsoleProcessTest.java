package dev.btrbot.adapter.console;

import static dev.btrbot.testing.TestGit.git;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.btrbot.testing.TestGit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole conversations piped through the real {@code main} in a separate JVM,
 * with real git repositories, the real tag command and a SQLite file.
 */
class ConsoleProcessTest {
    @TempDir
    Path dir;
    Path db;
    String repoA;
    String repoB;

    @BeforeEach
    void remotes() {
        db = dir.resolve("btr.db");
        repoA = remote("configuration");
        repoB = remote("edx-platform");
    }

    private String remote(String name) {
        Path work = TestGit.repo(dir.resolve("work").resolve(name));
        git(work, "branch", "release/koa.2");
        Path bare = dir.resolve("remotes").resolve(name + ".git");
        git(dir, "clone", "--quiet", "--bare", work.toString(), bare.toString());
        return "file://" + bare;
    }

    private String setup() {
        return String.join("\n",
                "release create koa.2 --branch release/koa.2 --repos " + repoA + "," + repoB,
                "role assign koa.2 manual-qa pierre",
                "role assign koa.2 tagger adolfo",
                "@pierre: signoff koa.2 pass --env \"Ubuntu 20.04 — native, ünïcode ✅\"",
                "@sofiane: signoff koa.2 pass --env docker");
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.btrbot.Main"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(Path.of("").toAbsolutePath().toFile());
        pb.environment().remove("BTR_ADMINS");
        pb.environment().put("BTR_CONSOLE_USER", "ned");
        pb.environment().put("BTR_GIT_CACHE", dir.resolve("cache").toString());
        pb.environment().put("BTR_TAGGER_NAME", "btr-bot");
        // these conversations are about the process, not the runbook: no checklist to tick
        pb.environment().put("BTR_CHECKLIST_FILE", "/dev/null");
        pb.environment().putAll(env);
        pb.redirectError(dir.resolve("stderr.log").toFile());
        return pb.start();
    }

    private String converse(Map<String, String> env, String input) throws Exception {
        Process p = start(env, "console", "--db", db.toString());
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit code").isZero();
        return out;
    }

    @Test
    void withNoArgumentsTheBotSaysWhatItCanRunAndEveryModeAnswersHelp() throws Exception {
        String bare = finish(start(Map.of()));
        assertThat(bare).contains("console").contains("serve").contains("demo").contains("Start with 'console'");
        for (String mode : List.of("console", "serve", "demo", "tick")) {
            assertThat(finish(start(Map.of(), mode, "--help"))).as(mode + " --help").contains("Usage: btr-bot " + mode);
        }
        assertThat(finish(start(Map.of(), "serve", "-h"))).contains("Usage: btr-bot serve");
    }

    private String finish(Process p) throws Exception {
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit code").isZero();
        return out;
    }

    @Test
    void aPipedConversationTagsTheSignedOffCandidateAndStatusJsonSaysSo() throws Exception {
        String out = converse(Map.of(), setup() + "\n"
                + "frobnicate\n"
                + "status 'koa.2;rm -rf /'\n"
                + "@adolfo: tag koa.2 --confirm\n");
        assertThat(out).contains("Created koa.2").contains("error: Unknown command 'frobnicate'")
                .contains("is not a release name").contains("Tagging koa.2 as koa.2 succeeded").doesNotContain("Exception");
        String tagged = git(dir, "--git-dir", dir.resolve("remotes/configuration.git").toString(), "rev-parse", "koa.2^{commit}");
        assertThat(tagged).isEqualTo(repoHead("configuration"));

        String json = converse(Map.of(), "status koa.2 --json\n");
        JsonNode status = new ObjectMapper().readTree(json.substring(json.indexOf('{')));
        assertThat(status.at("/release/state").asText()).isEqualTo("tagged");
        assertThat(status.at("/tagRuns/0/state").asText()).isEqualTo("succeeded");
        assertThat(status.at("/signOffs/0/environment").asText()).isEqualTo("Ubuntu 20.04 — native, ünïcode ✅");
        assertThat(status.at("/candidate/heads")).hasSize(2);

        String audit = converse(Map.of(), "audit koa.2 --json\n");
        JsonNode events = new ObjectMapper().readTree(audit.substring(audit.indexOf('{'))).get("events");
        assertThat(events.findValuesAsText("action")).contains("release.create", "signoff.pass", "tag.final.start", "tag.final.succeeded");
    }

    @Test
    void aCrashDuringATagRunLeavesItInterruptedAndTheNextStartDoesNotTagAgain() throws Exception {
        Path started = dir.resolve("started");
        Path slowTag = TestGit.executable(dir.resolve("slow-tag"),
                "#!/bin/sh\necho run >> '" + started + "'\nsleep 120\n");
        Process p = start(Map.of("BTR_TAG_COMMAND", slowTag.toString()), "console", "--db", db.toString());
        p.getOutputStream().write((setup() + "\n@adolfo: tag koa.2 --confirm\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        for (int i = 0; i < 600 && !Files.exists(started); i++) {
            Thread.sleep(50);
        }
        assertThat(started).exists();
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        p.waitFor(10, TimeUnit.SECONDS);

        String out = converse(Map.of("BTR_TAG_COMMAND", slowTag.toString()), "status koa.2 --json\n");
        assertThat(out).contains("warning: Tag run 1 of koa.2 (koa.2) was interrupted by a crash; it is not re-run.");
        JsonNode status = new ObjectMapper().readTree(out.substring(out.indexOf('{')));
        assertThat(status.at("/tagRuns/0/state").asText()).isEqualTo("interrupted");
        assertThat(status.at("/tagRuns")).hasSize(1);
        assertThat(Files.readAllLines(started)).hasSize(1);

        String again = converse(Map.of("BTR_TAG_COMMAND", slowTag.toString()), "status koa.2\n");
        assertThat(again).doesNotContain("warning:").contains("interrupted");
        assertThat(Files.readAllLines(started)).as("the tag command ran once").hasSize(1);
    }

    private String repoHead(String name) {
        return git(dir.resolve("work").resolve(name), "rev-parse", "release/koa.2");
    }

    @Test
    void twoProcessesWritingOneDatabaseAtOnceLoseNothing() throws Exception {
        converse(Map.of(), "release create koa.2 --branch release/koa.2\n");
        List<Process> processes = new ArrayList<>();
        for (String who : List.of("ana", "ben")) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                lines.append("@").append(who).append(": blocker add koa.2 https://example.org/").append(who).append('/').append(i).append('\n');
            }
            Process p = start(Map.of(), "console", "--db", db.toString());
            p.getOutputStream().write(lines.toString().getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            processes.add(p);
        }
        for (Process p : processes) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out).doesNotContain("error:");
        }
        JsonNode blockers = new ObjectMapper().readTree(json(converse(Map.of(), "status koa.2 --json\n"))).get("blockers");
        assertThat(blockers).hasSize(80);
        assertThat(blockers.findValuesAsText("number").stream().distinct()).hasSize(80);
    }

    private static String json(String out) {
        return out.substring(out.indexOf('{'));
    }

    @Test
    void aBadSettingIsOneLineAndExitCodeTwo() throws Exception {
        Process p = start(Map.of("PORT", "http"), "console", "--db", db.toString());
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("stderr.log")).strip())
                .isEqualTo("btr-bot: PORT must be a whole number from 0 to 65535, not 'http'.");
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsOneLineAndExitCodeOne() throws Exception {
        Path notAFile = Files.createDirectories(dir.resolve("a-folder.db"));
        Process p = start(Map.of(), "console", "--db", notAFile.toString());
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        String err = Files.readString(dir.resolve("stderr.log"));
        assertThat(err).startsWith("btr-bot: cannot start: ").doesNotContain("\tat ");
    }
}
