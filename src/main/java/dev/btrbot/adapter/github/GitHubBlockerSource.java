package dev.btrbot.adapter.github;

import dev.btrbot.core.port.BlockerSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A release's blockers from GitHub: the issues its milestone or label marks
 * ({@link IssueSearch}, planned by {@link IssueQueries}) and the commits that
 * closed them ({@link FixCommitLookup}).
 */
public final class GitHubBlockerSource implements BlockerSource {
    private final IssueSearch search;
    private final FixCommitLookup fixes;

    /** Fetches closed issues however long ago they closed: one search per selector and kind. */
    public GitHubBlockerSource(GitHubApi api) {
        this(api, Duration.ZERO, Clock.systemUTC());
    }

    /**
     * Fetches the open issues and those closed within {@code closedWindow}
     * (zero: all), see {@link IssueQueries#states}.
     */
    public GitHubBlockerSource(GitHubApi api, Duration closedWindow, Clock clock) {
        this.search = new IssueSearch(api, closedWindow, clock);
        this.fixes = new FixCommitLookup(api);
    }

    @Override
    public Fetch issues(Query query) {
        return search.issues(query);
    }

    @Override
    public Fixes fixes(List<Issue> justClosed, List<Issue> unknown) {
        return fixes.fixes(justClosed, unknown);
    }
}
