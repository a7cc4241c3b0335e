package dev.btrbot.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** Real git for tests: no machine config, a fixed identity, failures as exceptions. */
public final class TestGit {
    private TestGit() {
    }

    /** Runs git in {@code dir} and returns its trimmed stdout; throws when git fails. */
    public static String git(Path dir, String... args) {
        List<String> argv = new ArrayList<>(List.of("git", "-c", "user.name=Tester", "-c", "user.email=tester@example.com",
                "-c", "init.defaultBranch=master", "-c", "commit.gpgSign=false", "-c", "tag.gpgSign=false"));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        builder.environment().put("LC_ALL", "C");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed (" + exit + "): " + output);
            }
            return output.trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new non-bare repository with one commit on master. */
    public static Path repo(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        git(dir, "init", "--quiet");
        commit(dir, "README", "hello\n", "Initial commit");
        return dir;
    }

    /** Writes a file, commits it and returns the new commit's sha. */
    public static String commit(Path repo, String file, String content, String message) {
        try {
            Path path = repo.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        git(repo, "add", "--", file);
        git(repo, "commit", "--quiet", "-m", message);
        return git(repo, "rev-parse", "HEAD");
    }

    public static Path executable(Path file, String content) {
        try {
            Files.writeString(file, content);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The process whose pid a test script wrote to {@code pidFile} was stopped, not left to run: it has ended (or
     * ends while we wait, which only a kill makes happen before its {@code sleep 300} is over). The wait is a guard
     * against hanging, not a figure the test asserts.
     */
    public static void assertKilled(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            java.util.Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isPresent()) {
                process.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(pidFile + ": the process was left running after its timeout", e);
        }
    }
}
