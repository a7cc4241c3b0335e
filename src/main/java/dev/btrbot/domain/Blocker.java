package dev.btrbot.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Work that must be done before a release is tagged. {@code number} is what
 * lists show; {@code priority} null means untriaged; {@code waiver} non-null
 * means a release manager decided it does not count, with the reason shown.
 */
public record Blocker(ReleaseName release, int number, String url, String title, Priority priority,
                      LocalDate reported, BlockerSource source, boolean open, Waiver waiver, List<FixCommit> fixes,
                      Instant createdAt) {
    public Blocker {
        Objects.requireNonNull(release);
        Objects.requireNonNull(url);
        Objects.requireNonNull(title);
        Objects.requireNonNull(source);
        fixes = List.copyOf(fixes);
    }

    public boolean untriaged() {
        return priority == null;
    }

    public boolean waived() {
        return waiver != null;
    }

    /** Open, not waived: the gate sees it. */
    public boolean counts() {
        return open && waiver == null;
    }

    public String priorityLabel() {
        return priority == null ? "untriaged" : priority.label();
    }

    public enum BlockerSource { MANUAL, GITHUB }

    /** Why a release manager let this blocker not count. */
    public record Waiver(MemberId by, String reason, Instant at) {
    }

    /** A commit that fixes the blocker, usually on the default branch. */
    public record FixCommit(RepoRef repo, Sha sha) {
    }
}
