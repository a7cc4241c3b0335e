package dev.btrbot.domain;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Fair rotation of a role across releases: the next member is the first one
 * after the last member who was offered the role (in pool order, wrapping
 * round) who is available. So over 12 releases a pool of 4 serves 3 times each.
 */
public final class Rotation {
    private Rotation() {
    }

    /**
     * @param pool        the role's pool in order
     * @param lastOffered who was offered the role last, across releases (empty: nobody yet)
     * @param unavailable away, or declined this release already
     */
    public static Optional<MemberId> next(List<MemberId> pool, Optional<MemberId> lastOffered, Predicate<MemberId> unavailable) {
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        int start = lastOffered.map(m -> pool.indexOf(m) + 1).orElse(0);
        for (int i = 0; i < pool.size(); i++) {
            MemberId candidate = pool.get((start + i) % pool.size());
            if (!unavailable.test(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
