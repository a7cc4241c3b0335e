package dev.btrbot.core;

import dev.btrbot.core.port.BackportCheck;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two ways to check backports put together: a local mirror, which can check
 * any repository it can fetch, and an API, which can check only the
 * repositories {@code apiServes} accepts but needs no mirror.
 */
public final class BackportChecks {
    private static final Logger LOG = LoggerFactory.getLogger(BackportChecks.class);

    private BackportChecks() {
    }

    /**
     * The mirror decides; when it refuses (the repository cannot be fetched)
     * and the API serves the repository, the API decides instead. When both
     * refuse, the refusal names both reasons.
     */
    public static BackportCheck mirrorThenApi(BackportCheck mirror, BackportCheck api, Predicate<RepoRef> apiServes) {
        return new BackportCheck() {
            @Override
            public Map<Sha, Containment> check(RepoRef repo, GitRefName branch, List<Sha> fixes) {
                try {
                    return mirror.check(repo, branch, fixes);
                } catch (Unavailable mirrorRefused) {
                    if (!apiServes.test(repo)) {
                        throw mirrorRefused;
                    }
                    LOG.info("backport check of {} through the API: {}", repo.name(), mirrorRefused.getMessage());
                    try {
                        return api.check(repo, branch, fixes);
                    } catch (Unavailable apiRefused) {
                        throw new Unavailable(mirrorRefused.getMessage() + " Through the API: " + apiRefused.getMessage());
                    }
                }
            }
        };
    }

    /** The API decides for the repositories it serves, the mirror for the others; no mirror is made of the former. */
    public static BackportCheck apiWhereServed(BackportCheck mirror, BackportCheck api, Predicate<RepoRef> apiServes) {
        return (repo, branch, fixes) -> (apiServes.test(repo) ? api : mirror).check(repo, branch, fixes);
    }
}
