package dev.btrbot.core.commands;

import dev.btrbot.core.port.CandidateSource;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.RepoRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the release branch of each repository once, when a release is defined or changed, so a
 * repository that points at nothing is named at once rather than at the first status. A repository
 * that cannot be read is a warning, not a refusal: the network may be down, and {@code release edit}
 * mends a mistake.
 */
final class BranchCheck {
    private BranchCheck() {
    }

    /** One warning per repository whose branch cannot be read; empty when every one can. */
    static List<String> warnings(CandidateSource git, List<RepoRef> repos, GitRefName branch) {
        try {
            git.heads(repos, branch); // all at once (the git adapter reads them in parallel): the usual answer
            return List.of();
        } catch (Unavailable atLeastOne) {
            // one or more cannot be read: ask each, to name every one that fails
        }
        List<String> warnings = new ArrayList<>();
        for (RepoRef repo : repos) {
            try {
                git.heads(List.of(repo), branch);
            } catch (Unavailable e) {
                warnings.add("warning: " + repo.name() + " (" + repo.url() + "): " + e.getMessage());
            }
        }
        return warnings;
    }
}
