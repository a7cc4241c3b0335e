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
    /** The most characters an environment may have, wherever it is typed. */
    public static final int MAX_ENVIRONMENT = 200;
    /** The most characters notes may have: longer reports belong in an issue, linked from the notes. */
    public static final int MAX_NOTES = 2000;

    public SignOff {
        Objects.requireNonNull(release);
        Objects.requireNonNull(candidateId);
        Objects.requireNonNull(member);
        Objects.requireNonNull(verdict);
        environment = environment == null ? "" : environment;
        notes = notes == null ? "" : notes;
        if (environment.length() > MAX_ENVIRONMENT || notes.length() > MAX_NOTES) {
            throw new Refusal("Environment is limited to " + MAX_ENVIRONMENT + " characters and notes to " + MAX_NOTES + ".");
        }
    }

    public boolean isOn(Candidate candidate) {
        return candidate != null && candidate.id().equals(candidateId);
    }
}
