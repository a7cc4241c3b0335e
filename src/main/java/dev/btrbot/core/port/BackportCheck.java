package dev.btrbot.core.port;

import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.util.List;
import java.util.Map;

/** Decides whether fix commits are on a release branch. */
public interface BackportCheck {
    /** Fetches the repository once and answers for each fix. */
    Map<Sha, Containment> check(RepoRef repo, GitRefName branch, List<Sha> fixes);

    enum Containment {
        /** The commit itself is an ancestor of the branch head. */
        ON_BRANCH,
        /** A commit on the branch carries "(cherry picked from commit <sha>)". */
        CHERRY_PICKED,
        /** A commit on the branch has the same patch (git patch-id). */
        PATCH_EQUIVALENT,
        /** None of the above. */
        MISSING,
        /** The repository does not have that commit at all. */
        UNKNOWN_COMMIT;

        public boolean present() {
            return this == ON_BRANCH || this == CHERRY_PICKED || this == PATCH_EQUIVALENT;
        }
    }
}
