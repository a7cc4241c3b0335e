package dev.btrbot.adapter.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Processes of this host as the kernel lists them in {@code /proc}. A pid is
 * the same process only while its start time (field 22 of
 * {@code /proc/<pid>/stat}, clock ticks since boot) stays the same; a zombie
 * counts as ended. A command started through {@code setsid} leads a process
 * group of its own, which is stopped as a whole.
 */
final class Processes {
    private static final Path PROC = Path.of("/proc");
    private static final Duration POLL = Duration.ofMillis(50);

    private Processes() {
    }

    /** When a live process started; empty when there is no such process, or only its zombie. */
    static Optional<String> start(long pid) {
        if (!Files.isDirectory(PROC)) {
            // not Linux: the JVM's own view, to the millisecond
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(h -> h.info().startInstant()).map(Instant::toString);
        }
        return stat(pid).filter(f -> !f[0].equals("Z") && !f[0].equals("X")).map(f -> f[19]);
    }

    /** The same process (pid and start time) still runs. */
    static boolean alive(long pid, String start) {
        return start(pid).filter(start::equals).isPresent();
    }

    /** Waits until the process has ended; false when it still runs after {@code bound}. */
    static boolean awaitEnd(long pid, String start, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (alive(pid, start)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !alive(pid, start);
            }
        }
        return true;
    }

    /**
     * The process and everything that would have to stop with it: its
     * descendants while it lives, and the members of the process group it
     * leads (or led: the kernel hands out no pid while a group still has it).
     */
    static List<ProcessHandle> withGroup(long pid, String start) {
        Map<Long, ProcessHandle> found = new LinkedHashMap<>();
        ProcessHandle.of(pid).filter(h -> alive(pid, start)).ifPresent(h -> {
            found.put(h.pid(), h);
            h.descendants().forEach(d -> found.put(d.pid(), d));
        });
        if (Files.isDirectory(PROC)) {
            String group = Long.toString(pid);
            try (Stream<Path> entries = Files.list(PROC)) {
                entries.map(p -> p.getFileName().toString()).filter(n -> !n.isEmpty() && n.chars().allMatch(Character::isDigit))
                        .map(Long::parseLong)
                        .filter(p -> stat(p).filter(f -> f[2].equals(group) && !f[0].equals("Z")).isPresent())
                        .forEach(p -> ProcessHandle.of(p).ifPresent(h -> found.put(p, h)));
            } catch (IOException | RuntimeException e) {
                // the group's members we could not list still get the leader's and descendants' signals
            }
        }
        return List.copyOf(found.values());
    }

    /**
     * Stops a command with its group: SIGTERM to every member (the command
     * traps it and rolls back; a hung git it waits on ends), up to
     * {@code grace} for the command to end, then SIGKILL to whatever of the
     * group is left, stragglers included.
     *
     * @return true when the command ended within the grace period
     */
    static boolean stop(long pid, String start, Duration grace) {
        withGroup(pid, start).forEach(ProcessHandle::destroy);
        boolean ended = awaitEnd(pid, start, grace);
        withGroup(pid, start).forEach(ProcessHandle::destroyForcibly);
        return ended;
    }

    /** The fields of {@code /proc/<pid>/stat} from the third (state) on; the command name, which may hold blanks, is cut off. */
    private static Optional<String[]> stat(long pid) {
        try {
            String line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            int close = line.lastIndexOf(')');
            String[] fields = line.substring(close + 1).trim().split(" ");
            return fields.length > 19 ? Optional.of(fields) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
