package dev.btrbot.core.port;

import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.ReleaseName;
import java.util.List;
import java.util.Optional;

public interface CandidateRepo {
    /**
     * Stores the candidate if it is new, and makes it the most recently seen
     * either way (a branch can go back to an earlier state); returns it as
     * stored, with the time it was first seen.
     */
    Candidate remember(Candidate candidate);

    Optional<Candidate> find(ReleaseName release, String id);

    /** The release's candidates, the most recently seen first. */
    List<Candidate> history(ReleaseName release);
}
