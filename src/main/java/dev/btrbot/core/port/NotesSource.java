package dev.btrbot.core.port;

import dev.btrbot.domain.PreviousTags;
import dev.btrbot.domain.RepoChanges;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;

/** Reads what a repository brings between the previous release's tag and a commit, from git. */
public interface NotesSource {
    /**
     * @param fromTag the tag to start from (given with --from), or null to take the newest tag {@code search} allows
     *                that is an ancestor of {@code to}
     * @throws NoPreviousTag when no tag was given and none is found
     * @throws Unavailable   when the repository cannot be read, or has no tag {@code fromTag}
     */
    RepoChanges changes(RepoRef repo, Sha to, String fromTag, PreviousTags search);

    /** No tag to start from, said in a sentence that names what was searched. */
    final class NoPreviousTag extends RuntimeException {
        public NoPreviousTag(String message) {
            super(message);
        }
    }

    /** Without git (a bot built without a notes reader). */
    NotesSource NONE = (repo, to, fromTag, search) -> {
        throw new Unavailable("this bot reads no git history for release notes.");
    };
}
