package dev.btrbot.core.port;

import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where blockers come from: an issue tracker queried by a release's
 * milestone and/or label across its repositories. Implementations do the
 * network; they answer with neutral records and never throw anything but
 * {@link Unavailable} (unreachable, bad token, rate limited) for a failure a person should read.
 */
public interface BlockerSource {
    /** The source when none is configured: every call says so. */
    BlockerSource NONE = new BlockerSource() {
        @Override
        public Fetch issues(Query query) {
            throw new Unavailable("GitHub is not configured (set GITHUB_TOKEN).");
        }

        @Override
        public Fixes fixes(List<Issue> justClosed, List<Issue> unknown) {
            return new Fixes(Map.of(), List.of());
        }

        @Override
        public boolean configured() {
            return false;
        }
    };

    /** The issues (open and closed) that carry the milestone or the label in any of the repositories. */
    Fetch issues(Query query);

    /**
     * The commits on its repository's default branch that closed each issue
     * (a closing commit, or the merge commit of the pull request that closed
     * it), by issue url; issues without one are left out. {@code justClosed}:
     * issues that closed since the bot last looked; {@code unknown}: closed
     * issues whose fix is still unknown. The source decides how much it asks
     * in one call (the rest is asked about on a later one) and never asks
     * twice about the same closing; a repository it cannot read is a problem
     * of the answer, not a failure of the call.
     */
    Fixes fixes(List<Issue> justClosed, List<Issue> unknown);

    /**
     * @param byUrl    the fix commits, by issue url
     * @param problems what could not be read, one sentence each
     */
    record Fixes(Map<String, List<Sha>> byUrl, List<String> problems) {
        public Fixes {
            byUrl = Map.copyOf(byUrl);
            problems = List.copyOf(problems);
        }
    }

    default boolean configured() {
        return true;
    }

    /** @param milestone null for none; @param label null for none; at least one is set */
    record Query(List<RepoRef> repos, String milestone, String label) {
        public Query {
            repos = List.copyOf(repos);
            if (milestone == null && label == null) {
                throw new IllegalArgumentException("a query needs a milestone or a label");
            }
        }
    }

    /**
     * @param repo   the release's repository the issue belongs to
     * @param closed null while open
     */
    record Issue(RepoRef repo, String slug, int number, String title, String url, List<String> labels, List<String> assignees,
                 boolean open, Instant opened, Instant updated, Instant closed) {
        public Issue {
            Objects.requireNonNull(repo);
            Objects.requireNonNull(url);
            labels = List.copyOf(labels);
            assignees = List.copyOf(assignees);
        }
    }

    /**
     * @param issues     what was found
     * @param problems   bad data that did not stop the rest (a repository that is gone, a milestone no issue carries),
     *                   one sentence each
     * @param unreadable repositories whose issues could not be searched (their stored blockers stay as they are)
     * @param incomplete the tracker said its answer may leave issues out (GitHub's {@code incomplete_results}):
     *                   an issue missing from it may still carry the milestone or label
     */
    record Fetch(List<Issue> issues, List<String> problems, List<RepoRef> unreadable, boolean incomplete) {
        public Fetch {
            issues = List.copyOf(issues);
            problems = List.copyOf(problems);
            unreadable = List.copyOf(unreadable);
        }

        /** A complete answer. */
        public Fetch(List<Issue> issues, List<String> problems, List<RepoRef> unreadable) {
            this(issues, problems, unreadable, false);
        }
    }
}
