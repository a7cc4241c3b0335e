package dev.btrbot.domain;

/**
 * A fix a blocker needs that is not shown to be on the release branch:
 * neither the commit, nor a cherry-pick of it, nor the same patch.
 * {@code problem} says what is wrong ("is not on the release branch", or why it could not be checked).
 */
public record MissingBackport(int blockerNumber, String blockerTitle, RepoRef repo, Sha fix, String problem) {
    public String describe() {
        return "fix " + fix.shortId() + " in " + repo.name() + " (blocker #" + blockerNumber + " " + blockerTitle + ") "
                + problem;
    }
}
