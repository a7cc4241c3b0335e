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
                      LocalDate reported, Origin origin, boolean open, Waiver waiver, List<FixCommit> fixes,
                      Instant createdAt, Issue issue) {
    /** The most fix commits one blocker may list: each is checked on every status, and a blocker has few real fixes. */
    public static final int MAX_FIXES = 20;

    public Blocker {
        Objects.requireNonNull(release);
        Objects.requireNonNull(url);
        Objects.requireNonNull(title);
        Objects.requireNonNull(origin);
        fixes = List.copyOf(fixes);
    }

    /** A blocker that no issue tracker knows of (added by hand). */
    public Blocker(ReleaseName release, int number, String url, String title, Priority priority, LocalDate reported,
                   Origin origin, boolean open, Waiver waiver, List<FixCommit> fixes, Instant createdAt) {
        this(release, number, url, title, priority, reported, origin, open, waiver, fixes, createdAt, null);
    }

    /** When it was reported: the issue's opening time, the date given by hand, or when the bot learned of it. */
    public Instant since() {
        if (issue != null && issue.opened() != null) {
            return issue.opened();
        }
        return reported != null ? reported.atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : createdAt;
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

    public enum Origin { MANUAL, GITHUB }

    /**
     * Whether this blocker's issue belongs to one of these repositories: it
     * lives under the repository's web address (any host, so GitHub Enterprise
     * too: https://ghe.example.com/org/name/issues/5 under
     * https://ghe.example.com/org/name.git), or the issue names the
     * repository's github.com {@code owner/name}.
     */
    public boolean belongsToAny(List<RepoRef> repos) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        for (RepoRef r : repos) {
            String base = r.url().toLowerCase(java.util.Locale.ROOT).replaceAll("(\\.git)?/*$", "");
            if (lower.startsWith(base + "/")) {
                return true;
            }
            if (issue != null && r.gitHubSlug().map(s -> s.equalsIgnoreCase(issue.repo())).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** Why a release manager let this blocker not count. */
    public record Waiver(MemberId by, String reason, Instant at) {
    }

    /**
     * What the issue tracker says of the blocker's issue, as of the last sync.
     *
     * @param repo   {@code owner/name}
     * @param closed null while open
     */
    public record Issue(String repo, int number, List<String> labels, List<String> assignees, Instant opened, Instant updated,
                        Instant closed) {
        public Issue {
            Objects.requireNonNull(repo);
            labels = List.copyOf(labels);
            assignees = List.copyOf(assignees);
        }
    }

    /** A commit that fixes the blocker, usually on the default branch. */
    public record FixCommit(RepoRef repo, Sha sha) {
    }
}
