package dev.btrbot.domain;

import java.time.Instant;
import java.util.Locale;

/** A member offered or given a role for one release. */
public record Assignment(long id, ReleaseName release, RoleName role, MemberId member, State state, boolean byHand,
                         Instant at, Instant deadline) {
    public enum State {
        PROPOSED, ACCEPTED, DECLINED, EXPIRED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean holds() {
        return state == State.ACCEPTED;
    }

    /** Proposed or accepted: the role is being filled by this member. */
    public boolean live() {
        return state == State.PROPOSED || state == State.ACCEPTED;
    }
}
