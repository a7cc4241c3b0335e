package dev.btrbot.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the forum watch behaves (the adapter's configuration fills it: {@code BTR_DISCOURSE_INSTALL_CATEGORIES},
 * {@code BTR_DISCOURSE_POLL_MINUTES}, {@code BTR_FORUM_OPENS_ISSUES}).
 *
 * @param installProblemCategories forum category ids whose every post is about installing a release
 * @param pollInterval             how often the forum is polled (on the leader's scheduler tick)
 * @param opensIssues              {@code org/repo} where making a forum report a blocker also opens an issue; null for none
 */
public record ForumSettings(Set<Integer> installProblemCategories, Duration pollInterval, String opensIssues) {
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(10);
    public static final ForumSettings DEFAULT = new ForumSettings(Set.of(), DEFAULT_POLL_INTERVAL, null);

    public ForumSettings {
        installProblemCategories = Set.copyOf(installProblemCategories);
        Objects.requireNonNull(pollInterval);
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the forum poll interval must be positive");
        }
        if (opensIssues != null && !opensIssues.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("BTR_FORUM_OPENS_ISSUES is org/repo, not '" + opensIssues + "'");
        }
    }
}
