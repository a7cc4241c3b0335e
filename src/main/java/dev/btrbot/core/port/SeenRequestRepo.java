package dev.btrbot.core.port;

import java.time.Instant;

/**
 * Signed requests already taken, so that a replay of one within its platform's window changes nothing. A key may start
 * with a scope ending in '|' ({@code discourse|…}): keys are forgotten only within their own scope (keys without one
 * form a scope of their own), so each platform keeps its keys as long as its own window asks.
 */
public interface SeenRequestRepo {
    /**
     * Records {@code key} as taken at {@code at}, forgetting keys of the same scope taken before {@code forgetBefore}.
     *
     * @return true the first time the key is seen; false for a repeat
     */
    boolean firstSight(String key, Instant at, Instant forgetBefore);
}
