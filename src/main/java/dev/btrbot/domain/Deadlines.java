package dev.btrbot.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When a role offer needs a nudge and when it lapses: one reminder halfway
 * between the offer and its deadline, and expiry at the deadline. An offer
 * without a deadline (a role given by hand) never lapses.
 */
public final class Deadlines {
    private Deadlines() {
    }

    public static Instant halfway(Instant offered, Instant deadline) {
        return offered.plus(Duration.between(offered, deadline).dividedBy(2));
    }

    /** From halfway until the deadline; past the deadline the offer expires instead. */
    public static boolean reminderDue(Instant offered, Instant deadline, Instant now) {
        return deadline != null && !now.isBefore(halfway(offered, deadline)) && now.isBefore(deadline);
    }

    public static boolean expired(Instant deadline, Instant now) {
        return deadline != null && !now.isBefore(deadline);
    }
}
