package dev.btrbot.core.port;

import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.MergedPullRequest;
import dev.btrbot.domain.PullRequestRef;
import dev.btrbot.domain.RepoRef;
import java.util.List;

/** Pull requests on the forge that hosts a repository (GitHub): what a merged one holds, and opening one. */
public interface PullRequests {
    /** Whether this forge hosts the repository with a token to use; when not, nothing else here is asked about it. */
    boolean serves(RepoRef repo);

    /**
     * The merged pull request: its title, labels, author, and the commits its merge left on the default branch.
     *
     * @throws Unavailable when it cannot be read, does not exist, or is not merged (the message says which)
     */
    MergedPullRequest merged(PullRequestRef pr);

    /**
     * Opens a pull request from {@code head} into {@code base} and puts {@code labels} on it.
     *
     * @throws Unavailable when the forge refused it
     */
    Opened open(RepoRef repo, GitRefName base, GitRefName head, String title, String body, List<String> labels);

    /**
     * Whether the pull request is still open.
     *
     * @throws Unavailable when it cannot be read
     */
    boolean isOpen(RepoRef repo, int number);

    /** A pull request the forge opened: its number and its page. */
    record Opened(int number, String url) {
    }

    /** No forge configured: serves nothing. */
    PullRequests NONE = new PullRequests() {
        @Override
        public boolean serves(RepoRef repo) {
            return false;
        }

        @Override
        public MergedPullRequest merged(PullRequestRef pr) {
            throw new Unavailable("GitHub is not configured (GITHUB_TOKEN).");
        }

        @Override
        public Opened open(RepoRef repo, GitRefName base, GitRefName head, String title, String body, List<String> labels) {
            throw new Unavailable("GitHub is not configured (GITHUB_TOKEN).");
        }

        @Override
        public boolean isOpen(RepoRef repo, int number) {
            throw new Unavailable("GitHub is not configured (GITHUB_TOKEN).");
        }
    };
}
