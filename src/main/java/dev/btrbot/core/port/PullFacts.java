package dev.btrbot.core.port;

import dev.btrbot.domain.Change;
import dev.btrbot.domain.RepoRef;
import java.util.List;

/** What GitHub knows of the changes git found: pull requests' titles, labels and authors. */
public interface PullFacts {
    /** Whether GitHub can tell anything of this repository (a token is set and the repository is on that GitHub). */
    boolean covers(RepoRef repo);

    /**
     * The changes with their pull requests' facts: a numbered change gets its pull request's title, labels and
     * author; a commit without a number gets the pull request that merged it, when GitHub knows one.
     *
     * @throws Unavailable when GitHub cannot be asked
     */
    List<Change> enrich(RepoRef repo, List<Change> changes);

    /** Without GitHub: git's facts stay as they are. */
    PullFacts NONE = new PullFacts() {
        @Override
        public boolean covers(RepoRef repo) {
            return false;
        }

        @Override
        public List<Change> enrich(RepoRef repo, List<Change> changes) {
            return changes;
        }
    };
}
