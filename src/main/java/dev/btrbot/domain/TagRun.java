package dev.btrbot.domain;

import java.time.Instant;
import java.util.Locale;

/**
 * One run of the tag command for one candidate. A run found {@code running}
 * when the bot starts was cut off by a crash: it becomes {@code interrupted}
 * and is never re-run by itself.
 */
public record TagRun(long id, ReleaseName release, String candidateId, Kind kind, String tagName, MemberId requester,
                     State state, Instant startedAt, Instant endedAt, Integer exitCode, String output) {
    public enum State {
        RUNNING, SUCCEEDED, FAILED, INTERRUPTED;

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
}
