package dev.btrbot.core.port;

import dev.btrbot.domain.MemberId;
import java.util.Optional;

/**
 * The name a chat platform shows for a member (Slack's {@code users.info},
 * Matrix room member state), for pages and replies people read. Empty when
 * the platform does not know one; callers then show the id.
 */
public interface MemberNames {
    /** Knows no names: everyone shows as their id (or the name the store remembered). */
    MemberNames NONE = member -> Optional.empty();

    Optional<String> displayName(MemberId member);
}
