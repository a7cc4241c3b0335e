package dev.btrbot.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A tester's verdict bound to one exact candidate. It counts only while that
 * candidate is the current one. {@code rcTag} names what was installed, when
 * a release-candidate tag existed; {@code environment} and {@code notes} may be empty.
 */
public record SignOff(ReleaseName release, String candidateId, MemberId member, Verdict verdict, String environment,
                      String notes, String rcTag, Instant at) {
    public SignOff {
        Objects.requireNonNull(release);
        Objects.requireNonNull(candidateId);
        Objects.requireNonNull(member);
        Objects.requireNonNull(verdict);
        environment = environment == null ? "" : environment;
        notes = notes == null ? "" : notes;
        if (environment.length() > 200 || notes.length() > 2000) {
            throw new Refusal("Environment is limited to 200 characters and notes to 2000.");
        }
    }

    public boolean isOn(Candidate candidate) {
        return candidate != null && candidate.id().equals(candidateId);
    }
}
