package dev.btrbot.core.port;

import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.ReleaseName;
import java.util.List;
import java.util.Optional;

public interface CandidateRepo {
    /** Stores the candidate if it is new; returns it as stored (with the time it was first seen). */
    Candidate remember(Candidate candidate);

    Optional<Candidate> find(ReleaseName release, String id);

    /** The most recently first-seen candidate, newest first. */
    List<Candidate> history(ReleaseName release);
}
