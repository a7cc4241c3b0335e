package dev.btrbot.core;

import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.Tagger;
import dev.btrbot.core.port.TagRunRepo;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.TagCheck;
import dev.btrbot.domain.TagRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tag run still recorded as running whose bot is gone (a crash, a kill -9)
 * is never re-run, and never taken for ended while its command still runs:
 * the command lives in a process group of its own and outlives the bot. While
 * that process (same host, same pid, same start time) lives, the run stays
 * running and blocks another; once it has ended, the run is settled from what
 * the repositories carry ({@link TagRuns}): {@code succeeded} when every one
 * carries the tag on its signed commit, {@code partial} when some do,
 * {@code interrupted} when none does. A run of another host is only known by
 * its lease: it is settled once its bot stopped renewing it.
 */
public final class Recovery {
    public static final MemberId BOT = new MemberId("btr-bot");

    private final Store store;
    private final Clock clock;
    private final Tagger tagger;
    private final TagRuns tagRuns;
    private final String processId;

    /** @param processId this process, {@code host:pid}: the owner its own tag runs are recorded with */
    public Recovery(Store store, Clock clock, Tagger tagger, TagRuns tagRuns, String processId) {
        this.store = store;
        this.clock = clock;
        this.tagger = tagger;
        this.tagRuns = tagRuns;
        this.processId = processId;
    }

    /** How long a running tag run may go without a heartbeat before it counts as cut off, on any host. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    /** How often a running tag run renews its lease. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(20);

    /** At start-up: runs whose bot is gone (on this host, or whose lease expired) and whose command has ended. */
    public List<String> settleOrphanedTagRuns(String host) {
        return settle(host, true);
    }

    /**
     * While running: the same, where a run of this very process is never
     * taken for an orphan.
     */
    public List<String> settleCutOffTagRuns() {
        return settle(processId.substring(0, Math.max(0, processId.lastIndexOf(':'))), false);
    }

    private List<String> settle(String host, boolean atStartup) {
        Instant now = clock.instant();
        List<TagRunRepo.Running> running = store.read(tx -> tx.tagRuns().running());
        List<String> notes = new ArrayList<>();
        for (TagRunRepo.Running r : running) {
            boolean ours = r.owner().equals(processId) && !atStartup;
            boolean leaseExpired = r.lastSign().plus(LEASE).isBefore(now);
            if (ours || !leaseExpired && !processGone(r.owner(), host, atStartup)) {
                continue;
            }
            TagRun run = r.run();
            Tagger.Liveness command = run.launch() == null ? Tagger.Liveness.ENDED : tagger.check(run.launch());
            if (command == Tagger.Liveness.RUNNING) {
                // vouch for it, so that no other host takes it for cut off while its command runs here
                store.write(tx -> {
                    tx.tagRuns().heartbeat(run.id(), now);
                    return null;
                });
                notes.add(stillRunning(run));
                continue;
            }
            settled(run, command, now).ifPresent(notes::add);
        }
        return notes;
    }

    /** Reads the repositories and records the run's end; empty when another process settled it first. */
    private Optional<String> settled(TagRun run, Tagger.Liveness command, Instant now) {
        Candidate candidate = store.read(tx -> tx.candidates().find(run.release(), run.candidateId())).orElseThrow();
        List<TagCheck> checks = tagRuns.verify(new GitRefName(run.tagName()), candidate);
        TagRun.State end = TagCheck.verdict(checks, TagRun.State.INTERRUPTED);
        String output = run.launch() == null || command != Tagger.Liveness.ENDED ? "" : tagger.collect(run.launch());
        String how = run.launch() == null ? "(its bot died before the command was started)"
                : command == Tagger.Liveness.ELSEWHERE ? "(its bot on " + run.launch().host() + " stopped renewing its lease)"
                : "(its bot died; its command " + run.launch() + " has ended)";
        boolean recorded = store.write(tx -> tagRuns.record(tx, BOT, run, end, null,
                output.isEmpty() ? null : output, checks, now, how));
        if (!recorded) {
            return Optional.empty();
        }
        String which = "Tag run " + run.id() + " of " + run.release() + " (" + run.tagName() + ")";
        return Optional.of(switch (end) {
            case SUCCEEDED -> which + " was cut off by a crash, but its command finished: every repository carries "
                    + run.tagName() + " on its signed commit, so it is recorded as succeeded.";
            case PARTIAL -> which + " was cut off by a crash; it is not re-run. It is PARTIAL: " + String.join("; ",
                    TagRuns.repair(run, checks));
            default -> which + " was interrupted by a crash; it is not re-run. No repository carries " + run.tagName()
                    + ". Run '" + run.repairCommand() + "' again if needed.";
        });
    }

    private static String stillRunning(TagRun run) {
        TagRun.Launch l = run.launch();
        return "Tag run " + run.id() + " of " + run.release() + " (" + run.tagName() + ") is still running: its command ("
                + l + ") outlived the bot that started it. It blocks another run until it ends, or until it is stopped"
                + " ('kill -TERM -- -" + l.pid() + "' on " + l.host() + " stops it, and it rolls back).";
    }

    /**
     * An owner is {@code host:pid}; on this host it is gone when no such process
     * lives. At start-up a run recorded with this process's own pid is from an
     * earlier process that had the same pid.
     */
    static boolean processGone(String owner, String host, boolean atStartup) {
        int colon = owner.lastIndexOf(':');
        if (colon < 0 || !owner.substring(0, colon).equals(host)) {
            return false;
        }
        try {
            long pid = Long.parseLong(owner.substring(colon + 1));
            if (pid == ProcessHandle.current().pid()) {
                return atStartup;
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            return process.isEmpty() || !process.get().isAlive();
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
