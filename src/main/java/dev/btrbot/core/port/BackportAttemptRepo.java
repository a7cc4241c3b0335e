package dev.btrbot.core.port;

import dev.btrbot.domain.BackportAttempt;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RepoRef;
import java.util.List;
import java.util.Optional;

/** Every {@code backport <release> <pr>} that got as far as git, and how it ended. */
public interface BackportAttemptRepo {
    void record(BackportAttempt attempt);

    /** The latest attempt for that pull request of that repository in that release. */
    Optional<BackportAttempt> latest(ReleaseName release, RepoRef repo, int pr);

    /** A release's attempts, oldest first. */
    List<BackportAttempt> all(ReleaseName release);
}
