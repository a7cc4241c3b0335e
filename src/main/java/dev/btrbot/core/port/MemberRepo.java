package dev.btrbot.core.port;

import dev.btrbot.domain.AwayPeriod;
import dev.btrbot.domain.MemberId;
import java.util.List;

public interface MemberRepo {
    /** Makes the member known, if not already. */
    void ensure(MemberId member);

    void addAway(AwayPeriod period);

    /** Remembers the name a platform shows for the member (see {@link MemberId#displayNameIn}). */
    void name(MemberId member, String displayName);

    /** The members whose display name is known, with it. */
    java.util.Map<MemberId, String> displayNames();

    /** The member's display name, when one is known. */
    java.util.Optional<String> displayName(MemberId member);

    List<AwayPeriod> away(MemberId member);
}
