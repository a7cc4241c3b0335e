package dev.btrbot.domain;

/** A fix a blocker needs that is not on the release branch, neither as the commit nor as a cherry-pick. */
public record MissingBackport(int blockerNumber, String blockerTitle, RepoRef repo, Sha fix) {
    public String describe() {
        return "fix " + fix.shortId() + " in " + repo.name() + " (blocker #" + blockerNumber + " " + blockerTitle
                + ") is not on the release branch";
    }
}
