package dev.btrbot.core.port;

import dev.btrbot.domain.MemberId;

/**
 * Members a chat platform vouches for as managers of a release, because of
 * their standing in the release's channel (e.g. a Matrix room power level at
 * or above a configured threshold). It only ever adds managers: admins and
 * the release's release-manager always are ones.
 */
public interface PlatformManagers {
    /** Vouches for nobody: the rights are the configured admins and role holders only. */
    PlatformManagers NONE = (channel, member) -> false;

    /**
     * @param channel the release's channel (never null)
     * @return true when the platform counts {@code member} as a manager of whatever is run in {@code channel}
     */
    boolean vouches(String channel, MemberId member);
}
