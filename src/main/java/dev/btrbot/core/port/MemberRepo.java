package dev.btrbot.core.port;

import dev.btrbot.domain.AwayPeriod;
import dev.btrbot.domain.MemberId;
import java.util.List;

public interface MemberRepo {
    /** Makes the member known, if not already. */
    void ensure(MemberId member);

    void addAway(AwayPeriod period);

    List<AwayPeriod> away(MemberId member);
}
