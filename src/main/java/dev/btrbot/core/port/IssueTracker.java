package dev.btrbot.core.port;

import java.util.List;

/** Where a forum report made a blocker is also filed as an issue, so the project keeps one tracker. */
public interface IssueTracker {
    /**
     * Opens an issue.
     *
     * @param repo      {@code org/name}
     * @param milestone the milestone's title, or null for none
     * @param labels    labels to put on it (may be empty)
     * @return the issue's web address
     * @throws Unavailable when the tracker refused or could not be reached (the message says which)
     */
    String open(String repo, String title, String body, String milestone, List<String> labels);

    /** No tracker: nothing is filed. */
    IssueTracker NONE = (repo, title, body, milestone, labels) -> {
        throw new Unavailable("no issue tracker is configured (set GITHUB_TOKEN).");
    };
}
