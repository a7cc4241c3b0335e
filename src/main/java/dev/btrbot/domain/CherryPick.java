package dev.btrbot.domain;

import java.util.Objects;

/**
 * A commit on the release branch that carries a change made on the default
 * branch, mapped back to it: through its {@code (cherry picked from commit …)}
 * trailer, or, without one, through git's patch id.
 *
 * @param original the change as it was made (its pull request when one is known)
 * @param picked   the commit on the release branch
 */
public record CherryPick(Change original, Sha picked, How how) {
    /** How the original was found. */
    public enum How {
        TRAILER("-x trailer"), PATCH_ID("same patch id");

        private final String label;

        How(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public CherryPick {
        Objects.requireNonNull(original);
        Objects.requireNonNull(picked);
        Objects.requireNonNull(how);
    }
}
