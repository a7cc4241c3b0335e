package dev.btrbot.core.port;

import dev.btrbot.domain.Assignment;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RoleName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface RoleRepo {
    List<MemberId> pool(RoleName role);

    /** @return false when the member was in the pool already */
    boolean addToPool(RoleName role, MemberId member);

    /** @return false when the member was not in the pool */
    boolean removeFromPool(RoleName role, MemberId member);

    List<Assignment> assignments(ReleaseName release);

    /** Who was offered the role by rotation most recently, in any release. */
    Optional<MemberId> lastOffered(RoleName role);

    Assignment assign(ReleaseName release, RoleName role, MemberId member, Assignment.State state, boolean byHand,
                      Instant at, Instant deadline);

    void setState(long assignmentId, Assignment.State state, Instant at);
}
