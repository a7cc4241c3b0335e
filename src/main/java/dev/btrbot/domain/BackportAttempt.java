package dev.btrbot.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code backport <release> <pr>}: how it ended, on the record. Every
 * attempt that got as far as git ends in exactly one outcome: a pull request
 * opened ({@code url} is it), the branch pushed for a person to open the pull
 * request ({@code url} is the compare page, when there is one), a conflict
 * ({@code conflictFiles}), or a failure ({@code detail} says why).
 */
public record BackportAttempt(ReleaseName release, RepoRef repo, int pr, Outcome outcome, GitRefName branch, String url,
                              List<String> conflictFiles, String detail, MemberId by, Instant at) {
    private static final Pattern PULL_NUMBER = Pattern.compile("/pull/([0-9]{1,9})$");

    public enum Outcome {
        PR_OPENED("pr-opened"), PUSHED("pushed"), CONFLICT("conflict"), FAILED("failed");

        /** The word kept in the store and shown. */
        public final String stored;

        Outcome(String stored) {
            this.stored = stored;
        }

        public static Outcome of(String stored) {
            for (Outcome o : values()) {
                if (o.stored.equals(stored)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("no backport outcome '" + stored + "'");
        }
    }

    public BackportAttempt {
        Objects.requireNonNull(release);
        Objects.requireNonNull(repo);
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(branch);
        conflictFiles = List.copyOf(conflictFiles);
        Objects.requireNonNull(by);
        Objects.requireNonNull(at);
    }

    /** The number of the pull request this attempt opened. */
    public Optional<Integer> openedNumber() {
        if (outcome != Outcome.PR_OPENED || url == null) {
            return Optional.empty();
        }
        Matcher m = PULL_NUMBER.matcher(url);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
