package dev.btrbot.adapter.git;

import static dev.btrbot.testing.TestGit.commit;
import static dev.btrbot.testing.TestGit.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.core.port.Tagger;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import dev.btrbot.domain.TagRun;
import dev.btrbot.testing.TestGit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the bot runs the tag command so that it can outlive the bot: a process
 * group of its own, a gate it waits at until its start is recorded, its
 * output in a file, a process a later bot can recognise, stop and read.
 */
class ProcessTaggerTest {
    private static final Path SCRIPT = Path.of("commands", "tag-release").toAbsolutePath();
    private static final String TAG = "koa.2";

    @TempDir
    Path tmp;
    private Path runs;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private RepoHead platform;
    private RepoHead configuration;

    @BeforeEach
    void folders() {
        runs = tmp.resolve("btr.db.tag-runs");
        Path a = remote("edx-platform");
        Path b = remote("configuration");
        platform = new RepoHead(new RepoRef(a.toString()), new Sha(git(a, "rev-parse", "master")));
        configuration = new RepoHead(new RepoRef(b.toString()), new Sha(git(b, "rev-parse", "master")));
    }

    @Test
    void theCommandLeadsAProcessGroupOfItsOwnAndDoesNothingBeforeItsStartIsRecorded() throws Exception {
        Path mark = tmp.resolve("ran");
        Path command = script("cat /proc/$$/stat > '" + mark + "'\necho ran\n");
        List<String> atStart = new ArrayList<>();
        Listening listener = new Listening(lines, launch -> atStart.add("ran=" + Files.exists(mark)));

        ProcessTagger tagger = tagger(command, Duration.ofSeconds(30));
        Tagger.Result result = tagger.tag(request(platform), listener);

        assertThat(atStart).containsExactly("ran=false");
        TagRun.Launch launch = listener.launches.get(0);
        String stat = Files.readString(mark);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split(" ");
        assertThat(List.of(fields[2], fields[3], fields[19])).as("process group, session, start time")
                .containsExactly(Long.toString(launch.pid()), Long.toString(launch.pid()), launch.start());
        assertThat(launch.host()).isEqualTo("this-host");
        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertThat(lines).containsExactly("ran");
        assertThat(Path.of(launch.log())).as("kept for a bot that restarts before recording the end").hasContent("ran\n")
                .hasParent(runs);
        tagger.discard(launch);
        assertThat(runs).isEmptyDirectory();
    }

    @Test
    void aCommandWhoseStartCannotBeRecordedNeverRuns() {
        Path mark = tmp.resolve("ran");
        Path command = script("touch '" + mark + "'\n");
        Listening listener = new Listening(lines, launch -> {
            throw new IllegalStateException("database is locked");
        });

        Tagger.Result result = tagger(command, Duration.ofSeconds(30)).tag(request(platform), listener);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.output()).isEqualTo("the tag command was not run: its start could not be recorded (database is locked)");
        assertThat(Processes.alive(listener.launches.get(0).pid(), listener.launches.get(0).start())).isFalse();
        assertThat(mark).doesNotExist();
    }

    @Test
    void anEarlierRunsProcessIsKnownByPidAndStartTimeOnItsOwnHostOnly() throws Exception {
        Path go = tmp.resolve("go");
        Path command = script("while [ ! -e '" + go + "' ]; do sleep 0.05; done\necho ended\n");
        ProcessTagger tagger = tagger(command, Duration.ofSeconds(60));
        CountDownLatch started = new CountDownLatch(1);
        Listening listener = new Listening(lines, launch -> started.countDown());
        CompletableFuture<Tagger.Result> run = CompletableFuture.supplyAsync(() -> tagger.tag(request(platform), listener));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        TagRun.Launch launch = listener.launches.get(0);

        assertThat(tagger.check(launch)).isEqualTo(Tagger.Liveness.RUNNING);
        assertThat(tagger.check(new TagRun.Launch(launch.host(), launch.pid(), "1", launch.log())))
                .as("the same pid with another start time is another process").isEqualTo(Tagger.Liveness.ENDED);
        assertThat(tagger.check(new TagRun.Launch("other-host", launch.pid(), launch.start(), launch.log())))
                .isEqualTo(Tagger.Liveness.ELSEWHERE);

        Files.createFile(go);
        assertThat(run.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
        assertThat(tagger.check(launch)).isEqualTo(Tagger.Liveness.ENDED);
    }

    @Test
    void aProcessFoundRunningPastItsTimeoutIsStoppedWithItsWholeGroup() throws Exception {
        Path child = tmp.resolve("child-pid");
        Path command = script("sleep 300 &\necho $! > '" + child + "'\nwait\n");
        CountDownLatch started = new CountDownLatch(1);
        Listening listener = new Listening(lines, launch -> started.countDown());
        // the bot that started it has a long timeout; a later bot with a short one finds it
        CompletableFuture<Tagger.Result> run = CompletableFuture.supplyAsync(
                () -> tagger(command, Duration.ofMinutes(10)).tag(request(platform), listener));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        TagRun.Launch launch = listener.launches.get(0);
        long sleeper = Long.parseLong(awaitLine(child));
        String sleeperStart = Processes.start(sleeper).orElseThrow();
        ProcessTagger later = tagger(command, Duration.ofSeconds(1));
        Instant startedAt = ProcessHandle.of(launch.pid()).flatMap(h -> h.info().startInstant()).orElseThrow();
        while (!Instant.now().isAfter(startedAt.plusSeconds(1))) {
            Thread.onSpinWait();
        }

        assertThat(later.check(launch)).isEqualTo(Tagger.Liveness.ENDED);

        // signalled, its child ends a moment later (not at once): wait for that; left alone it would sleep 300 s
        assertThat(Processes.awaitEnd(sleeper, sleeperStart, Duration.ofSeconds(60))).as("its child, in its group, is stopped").isTrue();
        assertThat(run.get(30, TimeUnit.SECONDS).succeeded()).isFalse();
    }

    @Test
    void whatAnEndedRunWroteIsReadOnceFromItsFile() throws Exception {
        Files.createDirectories(runs);
        Path log = Files.writeString(runs.resolve("tag-run-1.log"), "tagged a\nrolled back a\n");
        ProcessTagger tagger = tagger(SCRIPT, Duration.ofSeconds(5));
        TagRun.Launch launch = new TagRun.Launch("this-host", 999_999_999L, "1", log.toString());

        assertThat(tagger.collect(launch)).isEqualTo("tagged a\nrolled back a\n");
        assertThat(log).doesNotExist();
        assertThat(tagger.collect(launch)).isEmpty();
        assertThat(tagger.collect(new TagRun.Launch("other-host", 1, "1", log.toString()))).isEmpty();
    }

    @Test
    void readingATagGivesTheCommitEachRepositoryCarriesItOn() {
        Path annotated = Path.of(platform.repo().url());
        Path lightweight = Path.of(configuration.repo().url());
        Path untagged = remote("ecommerce");
        git(annotated, "tag", "-a", "-m", "release", TAG, "master~1");
        git(lightweight, "tag", TAG, "master");
        git(lightweight, "tag", "-a", "-m", "near miss", "x/" + TAG, "master~1");
        RepoRef missing = new RepoRef(tmp.resolve("no-such-repo.git").toString());

        List<Tagger.Found> found = tagger(SCRIPT, Duration.ofSeconds(5)).read(new GitRefName(TAG),
                List.of(platform.repo(), configuration.repo(), new RepoRef(untagged.toString()), missing));

        assertThat(found).extracting(f -> f.commit() == null ? null : f.commit().value()).containsExactly(
                git(annotated, "rev-parse", "master~1"), git(lightweight, "rev-parse", "master"), null, null);
        assertThat(found).extracting(Tagger.Found::problem).startsWith(null, null, null);
        assertThat(found.get(3).problem()).contains("does not appear to be a git repository");
    }

    @Test
    void stoppingTheBotStopsTheCommandsGroupAndWaitsForItsRollback() throws Exception {
        Path held = tmp.resolve("held");
        Path configurationRemote = Path.of(configuration.repo().url());
        TestGit.executable(configurationRemote.resolve("hooks/pre-receive"),
                "#!/bin/sh\ntouch '" + held + "'\nwhile :; do sleep 0.05; done\n");
        ProcessTagger tagger = tagger(SCRIPT, Duration.ofMinutes(10));
        CompletableFuture<Tagger.Result> run = CompletableFuture.supplyAsync(
                () -> tagger.tag(request(platform, configuration), new Listening(lines)));
        awaitFile(held);
        assertThat(git(Path.of(platform.repo().url()), "tag", "--list")).isEqualTo(TAG);

        tagger.stopAll();

        assertThat(git(Path.of(platform.repo().url()), "tag", "--list")).as("rolled back before stopAll returned").isEmpty();
        assertThat(git(configurationRemote, "tag", "--list")).isEmpty();
        Tagger.Result result = run.get(30, TimeUnit.SECONDS);
        assertThat(result.exitCode()).isEqualTo(143);
        assertThat(lines).contains("rolled back " + platform.repo().url());
    }

    private ProcessTagger tagger(Path command, Duration timeout) {
        return new ProcessTagger(List.of(command.toString()), timeout, 64 * 1024, runs, "this-host");
    }

    private Path script(String body) {
        return TestGit.executable(tmp.resolve("command-" + System.nanoTime()), "#!/bin/sh\n" + body);
    }

    private static Tagger.Request request(RepoHead... heads) {
        return new Tagger.Request(new ReleaseName("koa.2"), new GitRefName(TAG), List.of(heads), "Koa.2");
    }

    /** Waits until the command has created the file. */
    private static void awaitFile(Path file) throws Exception {
        awaitLine(file, false);
    }

    /** Waits until the command has written a line to the file; returns it. */
    private static String awaitLine(Path file) throws Exception {
        return awaitLine(file, true);
    }

    private static String awaitLine(Path file, boolean withText) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && (!withText || Files.readString(file).endsWith("\n"))) {
                return Files.readString(file).strip();
            }
            Thread.sleep(20);
        }
        throw new AssertionError(file + " never appeared");
    }

    private Path remote(String name) {
        Path work = TestGit.repo(tmp.resolve(name + "-work"));
        commit(work, "VERSION", name + "\n", "Release");
        Path bare = tmp.resolve(name + ".git");
        git(tmp, "clone", "--quiet", "--bare", work.toString(), bare.toString());
        return bare;
    }
}
