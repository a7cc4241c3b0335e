package dev.btrbot.core.port;

import dev.btrbot.domain.MemberId;
import java.util.Optional;

/**
 * The name a chat platform shows for a member (Slack's display name, a Matrix room member's displayname), for
 * views that should show people rather than ids. It may be slow the first time (a platform call) and is cached by
 * the implementation; it never fails: a name it cannot get is empty.
 */
public interface MemberNames {
    /** Knows no names: members show by their ids. */
    MemberNames NONE = member -> Optional.empty();

    Optional<String> displayName(MemberId member);

    /** This source's name for the member, else {@code other}'s. */
    default MemberNames or(MemberNames other) {
        return member -> displayName(member).or(() -> other.displayName(member));
    }
}
