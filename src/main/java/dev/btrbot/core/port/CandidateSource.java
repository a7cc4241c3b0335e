package dev.btrbot.core.port;

import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.RepoRef;
import java.util.List;

/** Reads where the release branch points in each repository, right now. */
public interface CandidateSource {
    /**
     * @throws dev.btrbot.domain.Refusal naming the repository when it cannot be
     *         read or has no such branch
     */
    List<RepoHead> heads(List<RepoRef> repos, GitRefName branch);
}
