package dev.btrbot.core.port;

import dev.btrbot.domain.BackportCandidate;
import dev.btrbot.domain.BackportLabels;
import dev.btrbot.domain.PullRequestRef;
import dev.btrbot.domain.ReleaseName;
import java.util.List;
import java.util.Optional;

/** A release's backport queue, and the label patterns that fill it. One row per release, repository and pull request. */
public interface BackportRepo {
    List<BackportCandidate> forRelease(ReleaseName release);

    Optional<BackportCandidate> find(ReleaseName release, PullRequestRef pr);

    /** Adds a candidate not in the queue yet; @return false when the pull request is there already (nothing changes) */
    boolean add(BackportCandidate candidate);

    /** Pending again, or on the branch and how; never touches a declined candidate. */
    void settle(BackportCandidate candidate);

    /** Declines it; @return false when it is declined already */
    boolean decline(ReleaseName release, PullRequestRef pr, BackportCandidate.Decline decline);

    /** The release's own label patterns; empty when it uses the defaults. */
    Optional<BackportLabels> labels(ReleaseName release);

    void setLabels(ReleaseName release, BackportLabels labels);
}
