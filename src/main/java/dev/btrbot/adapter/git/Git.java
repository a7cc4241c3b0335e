package dev.btrbot.adapter.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs the {@code git} executable with an argument vector, never a shell
 * string. Every run has a timeout, bounded output capture, no terminal prompts
 * and the C locale, so git's messages are predictable and a hung remote cannot
 * hang the bot. Callers pass only values from validated domain types.
 */
final class Git {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final int STDOUT_LIMIT = 1 << 20;
    static final int STDERR_LIMIT = 64 << 10;
    private static final long DRAIN_GRACE_MILLIS = 5_000;
    private static final int MAX_PARALLEL = 4;

    private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]*@");

    private final String executable;
    private final Duration timeout;

    Git() {
        this("git", DEFAULT_TIMEOUT);
    }

    Git(String executable, Duration timeout) {
        this.executable = Objects.requireNonNull(executable, "executable");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.timeout = timeout;
    }

    /** The outcome of one git run; exit code -1 when git timed out or could not start. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        /** git's first non-blank stderr line, trimmed and without credentials: fit for a one-line refusal. */
        String firstErrorLine() {
            for (String line : stderr.split("\n")) {
                if (!line.isBlank()) {
                    String trimmed = redact(line.trim());
                    return trimmed.length() <= 200 ? trimmed : trimmed.substring(0, 197) + "...";
                }
            }
            return "git exited with code " + exitCode;
        }
    }

    Result run(String... args) {
        return run(List.of(args));
    }

    Result run(List<String> args) {
        return run(args, null);
    }

    /** As {@link #run(List)}, with {@code input} on git's stdin (e.g. diffs for {@code git patch-id}); null: none. */
    Result run(List<String> args, byte[] input) {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(executable);
        argv.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(-1, "", "cannot run " + executable + ": " + e.getMessage());
        }
        Drain out = new Drain(process.getInputStream(), STDOUT_LIMIT);
        Drain err = new Drain(process.getErrorStream(), STDERR_LIMIT);
        out.start();
        err.start();
        try (var stdin = process.getOutputStream()) { // EOF after the input (none: at once) instead of a wait
            if (input != null) {
                stdin.write(input);
            }
        } catch (IOException e) {
            // git ended before reading it all: its exit code says what happened
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return new Result(-1, out.text(), "git timed out after " + timeout.toSeconds() + " s");
            }
            // a grandchild (an ssh control master, say) may hold the pipes open: do not wait for it forever
            out.join(DRAIN_GRACE_MILLIS);
            err.join(DRAIN_GRACE_MILLIS);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git", e);
        }
        return new Result(process.exitValue(), out.text(), err.text());
    }

    /**
     * Applies {@code work} to every repository, up to four at a time (each is a
     * remote round trip), and returns the answers in the order given. The first
     * failure is thrown as it was.
     */
    static <A, B> List<B> inParallel(List<A> items, Function<A, B> work, String threadName) {
        if (items.size() <= 1) {
            return items.stream().map(work).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(MAX_PARALLEL, items.size()), runnable -> {
                    Thread thread = new Thread(runnable, threadName);
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<B>> pending = new ArrayList<>();
            for (A item : items) {
                pending.add(pool.submit(() -> work.apply(item)));
            }
            List<B> answers = new ArrayList<>();
            for (Future<B> future : pending) {
                answers.add(future.get());
            }
            return List.copyOf(answers);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + threadName, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Removes user names and passwords from URLs in git's messages, e.g. {@code https://token@host}. */
    static String redact(String text) {
        return USER_INFO.matcher(text).replaceAll("$1***@");
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Reads a stream to its end, keeping at most {@code limit} bytes, so the child never blocks on a full pipe. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Drain(InputStream in, int limit) {
            super("git-drain");
            setDaemon(true);
            this.in = in;
            this.limit = limit;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (kept) {
                        int room = limit - kept.size();
                        if (room > 0) {
                            kept.write(buffer, 0, Math.min(room, n));
                        }
                    }
                }
            } catch (IOException e) {
                // the process was killed or closed its end: keep what arrived
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
