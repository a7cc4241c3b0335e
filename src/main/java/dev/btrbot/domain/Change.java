package dev.btrbot.domain;

import java.util.List;
import java.util.Objects;

/**
 * One entry of release notes: a pull request (number above 0) or, where
 * nothing names one, a commit of its own. Labels and the author's GitHub login
 * come from GitHub's API; from git alone the author is the commit's author
 * name and there are no labels.
 *
 * @param pr     the pull request's number, 0 for a commit no pull request is known for
 * @param sha    the commit that brought it in (a merge, a squash, or the commit itself)
 * @param author a GitHub login when {@code gitHubLogin}, else the commit's author name
 */
public record Change(int pr, String title, List<String> labels, String author, boolean gitHubLogin, Sha sha) {
    public Change {
        Objects.requireNonNull(title);
        Objects.requireNonNull(sha);
        labels = List.copyOf(labels);
        if (pr < 0) {
            throw new IllegalArgumentException("a pull request number is positive");
        }
    }

    /** From git alone: a title and the commit's author, no labels. */
    public static Change fromGit(int pr, String title, String authorName, Sha sha) {
        return new Change(pr, title, List.of(), authorName, false, sha);
    }

    /** The same change with what GitHub says of its pull request. */
    public Change withPullRequest(int number, String prTitle, List<String> prLabels, String login) {
        return new Change(number, prTitle == null || prTitle.isBlank() ? title : prTitle, prLabels,
                login == null ? author : login, login != null || gitHubLogin, sha);
    }

    /** What identifies it once in the notes: its pull request, else its commit. */
    public String key() {
        return pr > 0 ? "#" + pr : sha.value();
    }
}
