package dev.btrbot.core.port;

import dev.btrbot.domain.CheckResult;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.util.List;

/** What CI reported on one commit, for the checks a release requires. */
public interface CheckSource {
    CheckSource NONE = (repo, sha, names) -> {
        throw new Unavailable("GitHub is not configured (set GITHUB_TOKEN), so required checks cannot be read.");
    };

    /**
     * One result per name: the check run or commit status of that name, the
     * newest when there are several; {@code MISSING} when none reported.
     *
     * @throws Unavailable when the checks cannot be read
     */
    List<CheckResult> results(RepoRef repo, Sha sha, List<String> names);
}
