package dev.btrbot.core.port;

import java.time.Instant;

/** Signed requests already taken, so that a replay of one within its platform's window changes nothing. */
public interface SeenRequestRepo {
    /**
     * Records {@code key} as taken at {@code at}, forgetting keys taken before {@code forgetBefore}.
     *
     * @return true the first time the key is seen; false for a repeat
     */
    boolean firstSight(String key, Instant at, Instant forgetBefore);
}
