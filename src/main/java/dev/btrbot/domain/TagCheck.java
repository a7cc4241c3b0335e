package dev.btrbot.domain;

import java.util.List;
import java.util.Objects;

/**
 * What one repository carries under a tag, read back from the repository:
 * the tag on the signed commit, on another commit, no such tag, or a
 * repository that could not be read ({@code problem}).
 *
 * @param found the commit the tag points at (peeled), null when there is no such tag or it could not be read
 */
public record TagCheck(RepoRef repo, Sha signed, Sha found, String problem) {
    public TagCheck {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(signed, "signed");
    }

    /** The tag is on exactly the signed commit. */
    public boolean carried() {
        return problem == null && signed.equals(found);
    }

    /**
     * A run's outcome from what the repositories carry: {@code SUCCEEDED} only
     * when every one carries the tag on its signed commit; {@code none} (failed,
     * or interrupted for a run whose bot died) when every one was read and none
     * does; {@code PARTIAL} otherwise — some do, or one could not be read.
     */
    public static TagRun.State verdict(List<TagCheck> checks, TagRun.State none) {
        if (!checks.isEmpty() && checks.stream().allMatch(TagCheck::carried)) {
            return TagRun.State.SUCCEEDED;
        }
        boolean nothing = checks.stream().noneMatch(TagCheck::carried) && checks.stream().allMatch(c -> c.problem() == null);
        return nothing ? none : TagRun.State.PARTIAL;
    }

    /** One line a person can act on, e.g. "edx-platform has no tag koa.2 (signed commit bbbbbbbbbb)". */
    public String describe(String tag) {
        if (problem != null) {
            return repo.name() + " could not be read: " + problem;
        }
        if (carried()) {
            return repo.name() + " carries " + tag + " on " + signed.shortId() + " (the signed commit)";
        }
        if (found != null) {
            return repo.name() + ": " + tag + " is on " + found.shortId() + ", not on the signed commit " + signed.shortId();
        }
        return repo.name() + " has no tag " + tag + " (signed commit " + signed.shortId() + ")";
    }
}
