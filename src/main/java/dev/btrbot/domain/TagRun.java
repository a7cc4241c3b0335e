package dev.btrbot.domain;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One run of the tag command for one candidate. Its end is never taken from
 * the command's word alone: the bot reads every repository's tag back and
 * records {@code succeeded} only when each carries it on its signed commit
 * ({@link TagCheck#verdict}). A run whose bot died is settled the same way
 * once its command has ended, and is never re-run by itself.
 *
 * @param launch the tag command's process, once it was started; null before
 * @param checks what each repository carried under the tag when the run ended; empty while it runs
 */
public record TagRun(long id, ReleaseName release, String candidateId, Kind kind, String tagName, MemberId requester,
                     State state, Instant startedAt, Instant endedAt, Integer exitCode, String output, Launch launch,
                     List<TagCheck> checks) {
    public TagRun {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    public enum State {
        /** The command runs (or ran, and its end is not recorded yet). */
        RUNNING,
        /** Every repository carries the tag on its signed commit. */
        SUCCEEDED,
        /** The command ended and no repository carries the tag. */
        FAILED,
        /** Some repositories carry the tag and others do not, or could not be read: a re-run completes or rolls back. */
        PARTIAL,
        /** The bot running it died; once its command had ended, no repository carried the tag. */
        INTERRUPTED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A release-candidate tag for testers, or the final release tag. */
    public enum Kind {
        RC, FINAL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The tag command's process, in a process group of its own: a pid is only
     * the same process again on the same host with the same start time.
     *
     * @param start when it started, as the kernel counts it ({@code /proc/<pid>/stat}, field 22)
     * @param log   the file its output goes to, readable after a restart; null when none
     */
    public record Launch(String host, long pid, String start, String log) {
        public Launch {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(start, "start");
            if (pid <= 0) {
                throw new IllegalArgumentException("a launched command has a pid");
            }
        }

        @Override
        public String toString() {
            return "pid " + pid + " on " + host;
        }
    }

    /** The command to run again to complete or roll back this run. */
    public String repairCommand() {
        return kind == Kind.FINAL ? "tag " + release + " --confirm" : "candidate tag " + release;
    }
}
