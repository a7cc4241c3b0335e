package dev.btrbot.adapter.git;

import dev.btrbot.core.port.Tagger;
import dev.btrbot.domain.RepoHead;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured tag command ({@code commands/tag-release} or a
 * community's own tool) as an argument vector, never through a shell:
 * {@code <command…> <release> <tag> <url1> <sha1> [<url2> <sha2> …]}, with the
 * tag message in {@code BTR_TAG_MESSAGE}. Output is streamed line by line and
 * kept within a byte budget; a run past its timeout is stopped with its whole
 * process tree, after a short grace period in which the command may roll back.
 */
public final class ProcessTagger implements Tagger {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTagger.class);
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final int MAX_LINE_CHARS = 4096;

    private final List<String> command;
    private final Duration timeout;
    private final int maxOutputBytes;

    public ProcessTagger(List<String> command, Duration timeout, int maxOutputBytes) {
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
    }

    @Override
    public Result tag(Request request, Consumer<String> progress) {
        Objects.requireNonNull(progress, "progress");
        List<String> argv = new ArrayList<>(command);
        argv.add(request.release().value());
        argv.add(request.tagName().value());
        for (RepoHead head : request.heads()) {
            argv.add(head.repo().url());
            argv.add(head.sha().value());
        }
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        if (request.message() != null) {
            builder.environment().put("BTR_TAG_MESSAGE", request.message());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(-1, "cannot start " + command.get(0) + ": " + e.getMessage(), false);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the command reads no input; nothing was written
        }
        BoundedOutput output = new BoundedOutput(maxOutputBytes);
        Thread reader = new Thread(() -> readLines(process.getInputStream(), output, progress), "tag-command-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                reader.join(GRACE.toMillis());
                return new Result(-1, output.text(), true);
            }
            // a background child that keeps the pipe open must not hold the bot
            reader.join(GRACE.toMillis());
            return new Result(process.exitValue(), output.text(), false);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            return new Result(-1, output.text() + "(interrupted)\n", false);
        }
    }

    /**
     * Asks the command to stop (SIGTERM, so tag-release can roll back) and
     * kills the children it is waiting on; whatever is still alive after the
     * grace period is killed.
     */
    private static void stop(Process process) {
        // snapshot first: once the command is gone, its children are re-parented and no longer its descendants
        List<ProcessHandle> children = process.descendants().toList();
        // via the handle: Process.destroy() would also close our end of the pipe, and the command's
        // rollback lines would then kill it with SIGPIPE instead of reaching the output
        process.toHandle().destroy();
        children.forEach(ProcessHandle::destroyForcibly);
        boolean ended = false;
        try {
            ended = process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.toHandle().destroyForcibly();
        }
    }

    private static void readLines(InputStream in, BoundedOutput output, Consumer<String> progress) {
        try (Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = reader.read()) >= 0) {
                if (c == '\n' || line.length() >= MAX_LINE_CHARS) {
                    deliver(line.toString(), output, progress);
                    line.setLength(0);
                    if (c == '\n') {
                        continue;
                    }
                }
                line.append((char) c);
            }
            if (line.length() > 0) {
                deliver(line.toString(), output, progress);
            }
        } catch (IOException e) {
            // the process was stopped: keep what arrived
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
