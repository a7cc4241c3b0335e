package dev.btrbot.core.port;

import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.MergedPullRequest;
import dev.btrbot.domain.PullRequestRef;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.util.List;
import java.util.Optional;

/**
 * Cherry-picks a merged pull request onto a new branch from a release branch,
 * in a working clone of the repository, and pushes that branch. A pick either
 * pushes the branch with every commit picked, or pushes nothing.
 */
public interface CherryPicker {
    /**
     * The pull request as git alone shows it on the default branch (not on the release branch): its merge commit
     * ("Merge pull request #N from …", picked with {@code -m 1}) or its squash commit (a subject ending in "(#N)").
     * Empty when neither is there; a rebase-merged pull request leaves no such trace.
     *
     * @throws Unavailable when the repository cannot be fetched
     */
    Optional<MergedPullRequest> findMerged(PullRequestRef pr, GitRefName releaseBranch);

    /**
     * Creates {@code branch} from the release branch, {@code git cherry-pick -x} the pull request's commits (a merge
     * commit with {@code -m 1}) and pushes the branch.
     *
     * @throws Unavailable when git failed for another reason than a conflict (the fetch, an empty pick, the push)
     */
    Pick pick(RepoRef repo, GitRefName releaseBranch, GitRefName branch, MergedPullRequest pr);

    /** No working clones configured: every use says so. */
    CherryPicker NONE = new CherryPicker() {
        @Override
        public Optional<MergedPullRequest> findMerged(PullRequestRef pr, GitRefName releaseBranch) {
            throw new Unavailable("This bot has no working clones for backports (BTR_GIT_CACHE).");
        }

        @Override
        public Pick pick(RepoRef repo, GitRefName releaseBranch, GitRefName branch, MergedPullRequest pr) {
            throw new Unavailable("This bot has no working clones for backports (BTR_GIT_CACHE).");
        }
    };

    /** How a pick ended. */
    sealed interface Pick permits Picked, Conflict, BranchExists {
    }

    /** Pushed: the branch and the commits it got, in the order of the pull request's. */
    record Picked(GitRefName branch, List<Sha> commits) implements Pick {
        public Picked {
            commits = List.copyOf(commits);
        }
    }

    /** Picking {@code commit} conflicted in {@code files}; the pick was aborted and nothing pushed. */
    record Conflict(Sha commit, List<String> files) implements Pick {
        public Conflict {
            files = List.copyOf(files);
        }
    }

    /** The remote has the branch already; nothing was picked. */
    record BranchExists(GitRefName branch) implements Pick {
    }
}
