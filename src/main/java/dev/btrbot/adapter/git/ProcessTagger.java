package dev.btrbot.adapter.git;

import dev.btrbot.core.port.Tagger;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import dev.btrbot.domain.TagRun;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured tag command ({@code commands/tag-release} or a
 * community's own tool) as an argument vector, never through a shell:
 * {@code <command…> <release> <tag> <url1> <sha1> [<url2> <sha2> …]}, with the
 * tag message in {@code BTR_TAG_MESSAGE}.
 *
 * <p>The command outlives the bot if it must. It runs in a process group of its
 * own ({@code setsid}), so a signal meant for the bot never reaches it; its
 * output goes to a file in the runs folder, never to a pipe that dies with the
 * bot; and it starts only once the bot has recorded which process it is: it
 * waits at a gate for one line on its standard input, so when the bot dies
 * before that, the gate sees end of file and the command never runs. Output is
 * read from the file as it grows, kept within a byte budget. A run past its
 * timeout, or still running when the bot is asked to stop
 * ({@link #stopAll}), is stopped with its whole group: SIGTERM first, so the
 * command can roll back, SIGKILL after the grace period.
 */
public final class ProcessTagger implements Tagger {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTagger.class);
    /** How long a stopped command has to roll back before its group is killed. */
    static final Duration GRACE = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int MAX_LINE_BYTES = 4096;
    /**
     * The gate: one fixed program, no data in it (the command and its arguments
     * are positional parameters). It runs the command only after reading the
     * line "go"; end of file (the bot died first) ends it.
     */
    private static final String GATE = "IFS= read -r go && [ \"$go\" = go ] && exec \"$0\" \"$@\"; exit 125";
    private static final List<String> LAUNCHER = onPath("setsid") ? List.of("setsid", "sh", "-c", GATE) : List.of("sh", "-c", GATE);

    private final List<String> command;
    private final Duration timeout;
    private final int maxOutputBytes;
    private final Path runs;
    private final String host;
    private final Git git;
    private final Map<Long, TagRun.Launch> live = new ConcurrentHashMap<>();

    /**
     * @param runs the folder for the commands' output files (beside the database, so a restarted bot finds them)
     * @param host this host's name, recorded with each command's pid
     */
    public ProcessTagger(List<String> command, Duration timeout, int maxOutputBytes, Path runs, String host) {
        if (command.isEmpty() || command.stream().anyMatch(part -> part == null || part.isEmpty())) {
            throw new IllegalArgumentException("the tag command needs an executable");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the tag command's timeout must be positive");
        }
        if (maxOutputBytes < 256) {
            throw new IllegalArgumentException("keep at least 256 bytes of the tag command's output");
        }
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.maxOutputBytes = maxOutputBytes;
        this.runs = Objects.requireNonNull(runs, "runs");
        this.host = Objects.requireNonNull(host, "host");
        this.git = new Git();
    }

    @Override
    public Result tag(Request request, Listener listener) {
        Objects.requireNonNull(listener, "listener");
        Path executable = Path.of(command.get(0));
        if (command.get(0).contains("/") && !Files.isExecutable(executable)) {
            return new Result(-1, "cannot start " + command.get(0) + ": no such executable file", false);
        }
        Path log;
        try {
            Files.createDirectories(runs);
            log = Files.createTempFile(runs, "tag-run-", ".log");
        } catch (IOException e) {
            return new Result(-1, "cannot create the tag command's output file in " + runs + ": " + e.getMessage(), false);
        }
        List<String> argv = new ArrayList<>(LAUNCHER);
        argv.addAll(command);
        argv.add(request.release().value());
        argv.add(request.tagName().value());
        for (RepoHead head : request.heads()) {
            argv.add(head.repo().url());
            argv.add(head.sha().value());
        }
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (request.message() != null) {
            builder.environment().put("BTR_TAG_MESSAGE", request.message());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            delete(log);
            return new Result(-1, "cannot start " + command.get(0) + ": " + e.getMessage(), false);
        }
        long pid = process.pid();
        TagRun.Launch launch = new TagRun.Launch(host, pid, Processes.start(pid).orElse("unknown"), log.toString());
        try {
            listener.started(launch);
        } catch (RuntimeException e) {
            // end of file at the gate: the command never runs
            close(process.getOutputStream());
            waitQuietly(process);
            delete(log);
            LOG.error("the tag command's start could not be recorded; it was not run", e);
            return new Result(-1, "the tag command was not run: its start could not be recorded (" + e.getMessage() + ")", false);
        }
        live.put(pid, launch);
        BoundedOutput output = new BoundedOutput(maxOutputBytes);
        Tail tail = new Tail(log.toFile(), output, listener::line);
        tail.start();
        try (OutputStream gate = process.getOutputStream()) {
            gate.write("go\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the gate is gone (sh could not start the command): its output says why
        }
        try {
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                Processes.stop(pid, launch.start(), GRACE);
            }
            tail.finish();
            return ended ? new Result(process.exitValue(), output.text(), false) : new Result(-1, output.text(), true);
        } catch (InterruptedException e) {
            Processes.stop(pid, launch.start(), GRACE);
            tail.finish();
            Thread.currentThread().interrupt();
            return new Result(-1, output.text() + "(interrupted)\n", false);
        } finally {
            // the file stays until the run's end is recorded (discard): a bot that dies before that reads it at its restart
            live.remove(pid);
        }
    }

    @Override
    public List<Found> read(GitRefName tag, List<RepoRef> repos) {
        String ref = "refs/tags/" + tag.value();
        return Git.inParallel(repos, repo -> {
            Git.Result result = git.run("ls-remote", "--tags", "--end-of-options", repo.url(), ref, ref + "^{}");
            if (!result.ok()) {
                return new Found(repo, null, result.firstErrorLine());
            }
            String direct = null;
            String peeled = null;
            for (String line : result.stdout().split("\n")) {
                int tab = line.indexOf('\t');
                if (tab <= 0) {
                    continue;
                }
                String name = line.substring(tab + 1);
                if (name.equals(ref)) {
                    direct = line.substring(0, tab);
                } else if (name.equals(ref + "^{}")) {
                    peeled = line.substring(0, tab);
                }
            }
            String commit = peeled != null ? peeled : direct;
            try {
                return new Found(repo, commit == null ? null : new Sha(commit), null);
            } catch (RuntimeException e) {
                return new Found(repo, null, "git answered an unreadable object id for " + ref);
            }
        }, "ls-remote-tags");
    }

    @Override
    public Liveness check(TagRun.Launch launch) {
        if (!launch.host().equals(host)) {
            return Liveness.ELSEWHERE;
        }
        if (!Processes.alive(launch.pid(), launch.start())) {
            return Liveness.ENDED;
        }
        Instant started = ProcessHandle.of(launch.pid()).flatMap(h -> h.info().startInstant()).orElse(null);
        if (started != null && started.plus(timeout).isBefore(Instant.now())) {
            LOG.warn("the tag command {} outlived its bot and its timeout ({} s): stopping it", launch, timeout.toSeconds());
            return Processes.stop(launch.pid(), launch.start(), GRACE) ? Liveness.ENDED : Liveness.RUNNING;
        }
        return Liveness.RUNNING;
    }

    @Override
    public String collect(TagRun.Launch launch) {
        if (launch.log() == null || !launch.host().equals(host)) {
            return "";
        }
        Path log = Path.of(launch.log());
        BoundedOutput output = new BoundedOutput(maxOutputBytes);
        try (InputStream in = Files.newInputStream(log)) {
            Lines lines = new Lines(text -> output.append(text + "\n"));
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                lines.feed(buffer, n);
            }
            lines.flush();
        } catch (IOException e) {
            return "";
        }
        delete(log);
        return output.text();
    }

    @Override
    public void discard(TagRun.Launch launch) {
        if (launch.log() != null && launch.host().equals(host)) {
            delete(Path.of(launch.log()));
        }
    }

    /**
     * For shutdown (SIGTERM): stops every command this bot runs, with its
     * group, and waits for them to roll back, at most the grace period in all.
     * Their runs' ends are recorded by the threads that ran them, or, if the
     * process exits first, settled at the next start from the repositories.
     */
    public void stopAll() {
        Duration bound = GRACE;
        List<TagRun.Launch> running = List.copyOf(live.values());
        if (running.isEmpty()) {
            return;
        }
        LOG.warn("stopping {} tag command(s) before exiting; each may roll back", running.size());
        running.forEach(l -> Processes.withGroup(l.pid(), l.start()).forEach(ProcessHandle::destroy));
        long deadline = System.nanoTime() + bound.toNanos();
        for (TagRun.Launch l : running) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!Processes.awaitEnd(l.pid(), l.start(), left)) {
                LOG.error("tag command {} did not end within {} s of SIGTERM: killed", l, bound.toSeconds());
            }
            Processes.withGroup(l.pid(), l.start()).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static void close(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // nothing was written
        }
    }

    private static void waitQuietly(Process process) {
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", file, e.getMessage());
        }
    }

    /** Follows the output file as the command writes it, line by line, until told the command has ended. */
    private static final class Tail extends Thread {
        private final File file;
        private final Lines lines;
        private volatile boolean ended;

        Tail(File file, BoundedOutput output, Consumer<String> progress) {
            super("tag-command-output");
            setDaemon(true);
            this.file = file;
            this.lines = new Lines(line -> deliver(line, output, progress));
        }

        @Override
        public void run() {
            // a FileInputStream: an interrupt (to wake the poll) must not close it, as it would a channel's stream
            try (InputStream in = new FileInputStream(file)) {
                byte[] buffer = new byte[8192];
                while (true) {
                    boolean last = ended;
                    int n = in.read(buffer);
                    if (n > 0) {
                        lines.feed(buffer, n);
                    } else if (last) {
                        break;
                    } else {
                        pause();
                    }
                }
            } catch (IOException e) {
                LOG.warn("cannot read the tag command's output: {}", e.getMessage());
            }
            lines.flush();
        }

        private static void pause() {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                // woken to read the rest: the loop reads on until end of file
            }
        }

        /** The command has ended: read what is left, then stop. */
        void finish() {
            ended = true;
            interrupt();
            try {
                join(GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Cuts bytes into lines of at most {@link #MAX_LINE_BYTES}. */
    private static final class Lines {
        private final Consumer<String> sink;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(Consumer<String> sink) {
            this.sink = sink;
        }

        void feed(byte[] bytes, int n) {
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    emit();
                } else {
                    line.write(bytes[i]);
                    if (line.size() >= MAX_LINE_BYTES) {
                        emit();
                    }
                }
            }
        }

        void flush() {
            if (line.size() > 0) {
                emit();
            }
        }

        private void emit() {
            sink.accept(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }

    private static void deliver(String line, BoundedOutput output, Consumer<String> progress) {
        output.append(line + "\n");
        try {
            progress.accept(line);
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed on a tag command line; the run goes on", e);
        }
    }

    /** Keeps the first half of the budget and the latest rest, and says how much was cut between them. */
    static final class BoundedOutput {
        private final byte[] head;
        private final byte[] tail;
        private int headSize;
        private int tailStart;
        private int tailSize;
        private long total;

        BoundedOutput(int maxBytes) {
            head = new byte[maxBytes / 2];
            tail = new byte[maxBytes - maxBytes / 2];
        }

        synchronized void append(String text) {
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                total++;
                if (headSize < head.length) {
                    head[headSize++] = b;
                } else if (tailSize < tail.length) {
                    tail[(tailStart + tailSize++) % tail.length] = b;
                } else {
                    tail[tailStart] = b;
                    tailStart = (tailStart + 1) % tail.length;
                }
            }
        }

        synchronized String text() {
            byte[] last = new byte[tailSize];
            for (int i = 0; i < tailSize; i++) {
                last[i] = tail[(tailStart + i) % tail.length];
            }
            String first = new String(head, 0, headSize, StandardCharsets.UTF_8);
            long cut = total - headSize - tailSize;
            String rest = new String(last, StandardCharsets.UTF_8);
            return cut == 0 ? first + rest : first + "… (" + cut + " bytes cut) …\n" + rest;
        }
    }
}
