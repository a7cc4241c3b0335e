package dev.btrbot.domain;

import java.util.Optional;

/**
 * How GitHub's merge button names a pull request in the commit it leaves on
 * the default branch, for reading pull requests from git alone: a merge
 * commit's subject is {@code Merge pull request #N from owner/branch} and its
 * body's first line the pull request's title; a squash commit's subject is
 * the title followed by {@code (#N)}. A rebase merge leaves no trace of the
 * number.
 */
public final class PullRequestMessages {
    private PullRequestMessages() {
    }

    /** How the commit with this message and this many parents merged pull request {@code number}, if it did. */
    public static Optional<MergedPullRequest.How> how(int number, String message, int parents) {
        String subject = subject(message);
        if (parents == 2 && subject.startsWith("Merge pull request #" + number + " ")) {
            return Optional.of(MergedPullRequest.How.MERGE_COMMIT);
        }
        if (parents == 1 && subject.endsWith("(#" + number + ")")) {
            return Optional.of(MergedPullRequest.How.SQUASHED);
        }
        return Optional.empty();
    }

    /** The pull request's title as the commit tells it: a merge commit's first body line, a squash commit's subject without "(#N)". */
    public static String title(int number, String message, MergedPullRequest.How how) {
        String subject = subject(message);
        if (how == MergedPullRequest.How.SQUASHED) {
            return subject.substring(0, subject.length() - ("(#" + number + ")").length()).strip();
        }
        return message.strip().lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(subject);
    }

    private static String subject(String message) {
        return message.strip().lines().findFirst().orElse("").strip();
    }
}
