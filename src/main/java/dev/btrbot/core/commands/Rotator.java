package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.port.StoreTx;
import dev.btrbot.domain.Assignment;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.RoleName;
import dev.btrbot.domain.Rotation;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Offers a role to the next member of its pool: after whoever was offered it
 * last in any release, skipping members away on the release's target date (or
 * today) and members who declined it for this release.
 */
final class Rotator {
    private Rotator() {
    }

    /** @return the member offered the role, or empty when nobody in the pool is available */
    static Optional<Assignment> offer(StoreTx tx, Call call, Release release, RoleName role) {
        List<MemberId> pool = tx.roles().pool(role);
        Set<MemberId> declined = tx.roles().assignments(release.name()).stream()
                .filter(a -> a.role().equals(role) && a.state() == Assignment.State.DECLINED).map(Assignment::member)
                .collect(Collectors.toSet());
        LocalDate day = release.target() != null ? release.target() : LocalDate.ofInstant(call.now(), ZoneOffset.UTC);
        Optional<MemberId> next = Rotation.next(pool, tx.roles().lastOffered(role),
                m -> declined.contains(m) || tx.members().away(m).stream().anyMatch(p -> p.covers(day)));
        return next.map(m -> {
            Assignment a = tx.roles().assign(release.name(), role, m, Assignment.State.PROPOSED, false, call.now(),
                    call.now().plus(call.services().settings().roleDeadline()));
            call.audit(tx, release.name(), "role.propose", role + " offered to " + m + " until " + a.deadline());
            return a;
        });
    }
}
