package dev.btrbot.core.port;

import dev.btrbot.domain.Hold;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import java.time.Instant;
import java.util.List;

public interface HoldRepo {
    Hold add(ReleaseName release, MemberId member, String reason, Instant at);

    List<Hold> active(ReleaseName release);

    void lift(long holdId, MemberId by, Instant at);
}
