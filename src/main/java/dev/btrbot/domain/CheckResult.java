package dev.btrbot.domain;

import java.util.Objects;

/**
 * What CI reported for one required check (a check run or a commit status,
 * by name) on one commit of a candidate. {@code url} links to the run; null
 * when the check never reported.
 */
public record CheckResult(RepoRef repo, Sha sha, String name, State state, String url) {
    public CheckResult {
        Objects.requireNonNull(repo);
        Objects.requireNonNull(sha);
        Objects.requireNonNull(name);
        Objects.requireNonNull(state);
    }

    public enum State {
        SUCCEEDED, FAILED, PENDING, MISSING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean succeeded() {
        return state == State.SUCCEEDED;
    }

    public String describe() {
        String what = switch (state) {
            case SUCCEEDED -> "succeeded";
            case FAILED -> "failed";
            case PENDING -> "has not finished";
            case MISSING -> "never ran";
        };
        return "Required check " + name + " " + what + " on " + repo.name() + "@" + sha.shortId() + (url == null ? "" : " (" + url + ")");
    }
}
