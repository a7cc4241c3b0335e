package dev.btrbot.domain;

import java.util.List;
import java.util.Objects;

/**
 * A pull request as its merge left it on the default branch: the commits a
 * backport picks, and what its pull request copies (title, labels, link).
 * A merge commit is picked with {@code -m 1} (the changes against the default
 * branch's previous head); a squash commit is one commit; a rebase-merged pull
 * request is its rebased commits, oldest first. {@code url} and {@code author}
 * (a GitHub login) may be null when git alone found it.
 */
public record MergedPullRequest(PullRequestRef ref, String title, String url, String author, List<String> labels, How how,
                                List<Sha> commits) {
    /** The most commits a backport picks: a rebase-merged pull request longer than that is for a person. */
    public static final int MAX_COMMITS = 100;

    /** How the pull request reached the default branch. */
    public enum How {
        MERGE_COMMIT("merge commit"), SQUASHED("squash commit"), REBASED("rebase");

        public final String words;

        How(String words) {
            this.words = words;
        }
    }

    public MergedPullRequest {
        Objects.requireNonNull(ref);
        title = title == null || title.isBlank() ? ref.label() : title.strip();
        labels = List.copyOf(labels);
        Objects.requireNonNull(how);
        commits = List.copyOf(commits);
        if (commits.isEmpty() || how != How.REBASED && commits.size() != 1) {
            throw new IllegalArgumentException("a " + how.words + " is one commit, a rebase at least one: " + commits);
        }
        if (commits.size() > MAX_COMMITS) {
            throw new Refusal(ref.label() + " was rebase-merged as " + commits.size() + " commits, more than the "
                    + MAX_COMMITS + " a backport picks: cherry-pick it by hand.");
        }
    }

    /** Whether its commit is a merge, picked against its first parent ({@code cherry-pick -m 1}). */
    public boolean mainline() {
        return how == How.MERGE_COMMIT;
    }

    /** The same pull request with fewer commits to pick (those not yet on the release branch). */
    public MergedPullRequest picking(List<Sha> remaining) {
        return new MergedPullRequest(ref, title, url, author, labels, how, remaining);
    }
}
