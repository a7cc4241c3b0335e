package dev.btrbot.core.port;

import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Approvals of release notes, each bound to one candidate. */
public interface NotesApprovalRepo {
    /** @return false when the candidate's notes were approved already (the first approval stands) */
    boolean approve(ReleaseName release, String candidateId, MemberId by, Instant at);

    Optional<Approval> find(ReleaseName release, String candidateId);

    /** The candidates whose notes are approved. */
    Set<String> approvedCandidates(ReleaseName release);

    record Approval(ReleaseName release, String candidateId, MemberId by, Instant at) {
    }
}
