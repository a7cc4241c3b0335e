package dev.btrbot.adapter.git;

import dev.btrbot.testing.TestGit;
import static dev.btrbot.testing.TestGit.commit;
import static dev.btrbot.testing.TestGit.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.core.port.Tagger;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** commands/tag-release, run the way the bot runs it: through ProcessTagger against real bare remotes. */
class TagReleaseScriptTest {
    private static final Path SCRIPT = Path.of("commands", "tag-release").toAbsolutePath();
    private static final String TAG = "open-release/koa.2";

    @TempDir
    Path tmp;

    private ProcessTagger tagger;
    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());
    private final Listening listener = new Listening(progress);
    private Path platformRemote;
    private Path configurationRemote;
    private RepoHead platform;
    private RepoHead configuration;

    @BeforeEach
    void twoRemotesWithReleaseCommits() {
        tagger = tagger(SCRIPT, Duration.ofSeconds(30), 64 * 1024);
        platformRemote = remote("edx-platform");
        configurationRemote = remote("configuration");
        platform = new RepoHead(new RepoRef(platformRemote.toString()), new Sha(git(platformRemote, "rev-parse", "master~1")));
        configuration = new RepoHead(new RepoRef(configurationRemote.toString()),
                new Sha(git(configurationRemote, "rev-parse", "master")));
    }

    @Test
    void tagsEveryRepositoryOnExactlyTheSignedOffCommit() {
        Tagger.Result result = tag(platform, configuration);

        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertThat(progress).containsExactly(
                "tagged " + platform.repo().url() + " " + platform.sha() + " as " + TAG,
                "tagged " + configuration.repo().url() + " " + configuration.sha() + " as " + TAG);
        assertThat(result.output()).isEqualTo(String.join("\n", progress) + "\n");
        for (RepoHead head : List.of(platform, configuration)) {
            Path remote = Path.of(head.repo().url());
            assertThat(git(remote, "cat-file", "-t", "refs/tags/" + TAG)).isEqualTo("tag");
            assertThat(git(remote, "rev-parse", "refs/tags/" + TAG + "^{commit}")).isEqualTo(head.sha().value());
            assertThat(git(remote, "cat-file", "-p", "refs/tags/" + TAG)).contains("Koa.2 is out");
        }
    }

    @Test
    void aSecondRunFindsTheTagsInPlaceAndSucceeds() {
        tag(platform, configuration);
        progress.clear();

        Tagger.Result again = tag(platform, configuration);

        assertThat(again.succeeded()).as(again.output()).isTrue();
        assertThat(progress).containsExactly(
                "already tagged " + platform.repo().url() + " " + platform.sha() + " as " + TAG,
                "already tagged " + configuration.repo().url() + " " + configuration.sha() + " as " + TAG);
    }

    @Test
    void whenOneRemoteRejectsThePushTheOthersAreRolledBack() {
        TestGit.executable(configurationRemote.resolve("hooks/pre-receive"), "#!/bin/sh\necho 'tags are frozen' >&2\nexit 1\n");

        Tagger.Result result = tag(platform, configuration);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(progress).containsExactly(
                "tagged " + platform.repo().url() + " " + platform.sha() + " as " + TAG,
                "failed " + configuration.repo().url() + ": remote: tags are frozen",
                "rolled back " + platform.repo().url());
        assertThat(git(platformRemote, "tag", "--list")).isEmpty();
        assertThat(git(configurationRemote, "tag", "--list")).isEmpty();
    }

    @Test
    void aReaderThatWentAwayNeitherKillsNorStopsTheRun() throws Exception {
        Process process = startClosed(platform, configuration);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        for (RepoHead head : List.of(platform, configuration)) {
            assertThat(git(Path.of(head.repo().url()), "rev-parse", "refs/tags/" + TAG + "^{commit}")).isEqualTo(head.sha().value());
        }
    }

    @Test
    void aReaderThatWentAwayStillGetsAFullRollbackWhenARepositoryFails() throws Exception {
        TestGit.executable(configurationRemote.resolve("hooks/pre-receive"), "#!/bin/sh\necho 'tags are frozen' >&2\nexit 1\n");

        Process process = startClosed(platform, configuration);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(git(platformRemote, "tag", "--list")).isEmpty();
        assertThat(git(configurationRemote, "tag", "--list")).isEmpty();
    }

    @Test
    void aSignalDuringAPushRollsBackThatPushTooOnceItLands() throws Exception {
        Path held = tmp.resolve("held");
        Path release = tmp.resolve("release");
        TestGit.executable(configurationRemote.resolve("hooks/pre-receive"),
                "#!/bin/sh\ntouch '" + held + "'\nwhile [ ! -e '" + release + "' ]; do sleep 0.05; done\n");
        Process process = startClosed(platform, configuration);
        awaitFile(held);

        process.toHandle().destroy(); // SIGTERM to the script alone: it waits for the push under way, then rolls back
        Files.createFile(release);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(143);
        assertThat(git(platformRemote, "tag", "--list")).isEmpty();
        assertThat(git(configurationRemote, "tag", "--list")).as("the push that landed after the signal").isEmpty();
    }

    @Test
    void aHangUpRollsBackWhatWasPushed() throws Exception {
        Path held = tmp.resolve("held");
        TestGit.executable(configurationRemote.resolve("hooks/pre-receive"),
                "#!/bin/sh\ntouch '" + held + "'\nexec sleep 300\n");
        Process process = startClosed(platform, configuration);
        awaitFile(held);

        signal("HUP", -process.pid()); // the whole group, as a closed terminal would

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(129);
        assertThat(git(platformRemote, "tag", "--list")).isEmpty();
        assertThat(git(configurationRemote, "tag", "--list")).isEmpty();
    }

    @Test
    void aTagAlreadyOnAnotherCommitIsNeverMoved() {
        git(configurationRemote, "tag", "-a", "-m", "someone else", TAG, "master~1");

        Tagger.Result result = tag(platform, configuration);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("failed " + configuration.repo().url() + ": tag " + TAG + " already exists on ");
        assertThat(git(configurationRemote, "rev-parse", "refs/tags/" + TAG + "^{commit}"))
                .isEqualTo(git(configurationRemote, "rev-parse", "master~1"));
        assertThat(git(platformRemote, "tag", "--list")).isEmpty();
    }

    @Test
    void aCommitTheRemoteDoesNotHaveFailsThatRepository() {
        RepoHead stranger = new RepoHead(platform.repo(), new Sha("0123456789abcdef0123456789abcdef01234567"));

        Tagger.Result result = tag(stranger);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(progress).containsExactly("failed " + platform.repo().url() + ": commit " + stranger.sha()
                + " is not in the repository");
    }

    @Test
    void badArgumentsExitWithTwoAndOneUsageLine() throws Exception {
        String sha = platform.sha().value();
        String url = platform.repo().url();
        List<List<String>> bad = List.of(
                List.of("koa.2", TAG),
                List.of("koa.2", TAG, url),
                List.of("koa.2", TAG, url, sha, url),
                List.of("koa.2", TAG, url, "abc123"),
                List.of("koa.2", TAG, url, sha.toUpperCase()),
                List.of("koa.2", "-f", url, sha),
                List.of("koa.2", "bad..tag", url, sha),
                List.of("koa 2", TAG, url, sha),
                List.of("koa.2", TAG, "--upload-pack=touch /tmp/x", sha),
                List.of("koa.2", TAG, url, sha, url, sha));
        for (List<String> args : bad) {
            List<String> argv = new ArrayList<>(List.of(SCRIPT.toString()));
            argv.addAll(args);
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(process.waitFor()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(output).startsWith("usage: tag-release ").endsWith("\n").containsOnlyOnce("\n");
        }
        assertThat(git(platformRemote, "tag", "--list")).isEmpty();
    }

    @Test
    void aCommandPastItsTimeoutIsStopped() {
        Path pid = tmp.resolve("sleeper.pid");
        Path sleeper = TestGit.executable(tmp.resolve("sleeper"),
                "#!/bin/sh\necho started\necho $$ > '" + pid + "'\nsleep 300\necho never\n");
        ProcessTagger impatient = tagger(sleeper, Duration.ofSeconds(1), 4096);

        Tagger.Result result = impatient.tag(request(platform), listener);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.output()).isEqualTo("started\n");
        TestGit.assertKilled(pid);
    }

    @Test
    void aTagRunStoppedByTheTimeoutRollsBackWhatItPushed() {
        TestGit.executable(configurationRemote.resolve("hooks/pre-receive"), "#!/bin/sh\nsleep 30\n");
        ProcessTagger impatient = tagger(SCRIPT, Duration.ofSeconds(2), 4096);

        Tagger.Result result = impatient.tag(request(platform, configuration), listener);

        assertThat(result.timedOut()).isTrue();
        assertThat(progress).contains("rolled back " + platform.repo().url());
        assertThat(git(platformRemote, "tag", "--list")).isEmpty();
    }

    @Test
    void outputIsKeptWithinItsBudgetFromBothEnds() {
        Path chatty = TestGit.executable(tmp.resolve("chatty"),
                "#!/bin/sh\necho first\nyes 'a line of noise' | head -c 1000000\necho last\n");
        int budget = 16 * 1024;
        ProcessTagger bounded = tagger(chatty, Duration.ofSeconds(30), budget);

        Tagger.Result result = bounded.tag(request(platform), listener);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.output()).startsWith("first\n").endsWith("last\n").contains(" bytes cut) …");
        assertThat(result.output().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(budget + 40);
        assertThat(progress).hasSize(1 + 1_000_000 / "a line of noise\n".length() + 1);
    }

    @Test
    void theCommandGetsAnArgumentVectorAndTheMessage() {
        Path echo = TestGit.executable(tmp.resolve("echo-args"),
                "#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done\necho \"msg=$BTR_TAG_MESSAGE\"\n");

        Tagger.Result result = tagger(echo, Duration.ofSeconds(10), 4096)
                .tag(request(platform, configuration), listener);

        assertThat(progress).containsExactly("[koa.2]", "[" + TAG + "]", "[" + platform.repo().url() + "]",
                "[" + platform.sha() + "]", "[" + configuration.repo().url() + "]", "[" + configuration.sha() + "]",
                "msg=Koa.2 is out; see the notes");
        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void aCommandThatCannotStartIsReportedNotThrown() {
        ProcessTagger missing = tagger(tmp.resolve("no-such-command"), Duration.ofSeconds(5), 4096);

        Tagger.Result result = missing.tag(request(platform), listener);

        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.output()).startsWith("cannot start " + tmp.resolve("no-such-command") + ": ");
    }

    private Tagger.Result tag(RepoHead... heads) {
        return tagger.tag(request(heads), listener);
    }

    /** The script with its output on a pipe whose reading end is closed at once, as a bot that died leaves it. */
    private Process startClosed(RepoHead... heads) throws Exception {
        List<String> argv = new ArrayList<>(List.of("setsid", SCRIPT.toString(), "koa.2", TAG));
        for (RepoHead head : heads) {
            argv.add(head.repo().url());
            argv.add(head.sha().value());
        }
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        process.getOutputStream().close();
        process.getInputStream().close();
        return process;
    }

    /** @param pid a process, or minus a process group */
    private static void signal(String name, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-s", name, "--", Long.toString(pid)).start().waitFor()).isZero();
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(file)) {
            assertThat(System.nanoTime()).as(file + " never appeared").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private ProcessTagger tagger(Path command, Duration timeout, int budget) {
        return new ProcessTagger(List.of(command.toString()), timeout, budget, tmp.resolve("runs"), "this-host");
    }

    private static Tagger.Request request(RepoHead... heads) {
        return new Tagger.Request(new ReleaseName("koa.2"), new GitRefName(TAG), List.of(heads),
                "Koa.2 is out; see the notes");
    }

    /** A bare repository with two commits on master, as a server would hold it. */
    private Path remote(String name) {
        Path work = TestGit.repo(tmp.resolve(name + "-work"));
        commit(work, "VERSION", name + " koa.2\n", "Release koa.2");
        Path bare = tmp.resolve(name + ".git");
        git(tmp, "clone", "--quiet", "--bare", work.toString(), bare.toString());
        return bare;
    }

}
