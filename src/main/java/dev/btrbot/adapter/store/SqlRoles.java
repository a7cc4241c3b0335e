package dev.btrbot.adapter.store;

import dev.btrbot.core.port.RoleRepo;
import dev.btrbot.domain.Assignment;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RoleName;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

final class SqlRoles implements RoleRepo {
    private final Handle h;

    SqlRoles(Handle h) {
        this.h = h;
    }

    @Override
    public List<MemberId> pool(RoleName role) {
        return h.createQuery("select member from role_pool where role = :role order by position").bind("role", role.value())
                .map((rs, ctx) -> new MemberId(rs.getString("member"))).list();
    }

    @Override
    public boolean addToPool(RoleName role, MemberId member) {
        new SqlMembers(h).ensure(member);
        return h.createUpdate("""
                        insert into role_pool (role, position, member)
                        values (:role, (select coalesce(max(position), 0) + 1 from role_pool where role = :role), :member)
                        on conflict (role, member) do nothing""")
                .bind("role", role.value()).bind("member", member.value()).execute() == 1;
    }

    @Override
    public boolean removeFromPool(RoleName role, MemberId member) {
        return h.createUpdate("delete from role_pool where role = :role and member = :member")
                .bind("role", role.value()).bind("member", member.value()).execute() == 1;
    }

    @Override
    public List<Assignment> assignments(ReleaseName release) {
        return h.createQuery("select * from assignment where release = :r order by id").bind("r", release.value())
                .map((rs, ctx) -> new Assignment(rs.getLong("id"), release, new RoleName(rs.getString("role")),
                        new MemberId(rs.getString("member")),
                        Assignment.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)), rs.getInt("by_hand") == 1,
                        Columns.instant(rs, "at"), Columns.instant(rs, "deadline")))
                .list();
    }

    @Override
    public Optional<MemberId> lastOffered(RoleName role) {
        return h.createQuery("select member from assignment where role = :role and by_hand = 0 order by id desc limit 1")
                .bind("role", role.value()).map((rs, ctx) -> new MemberId(rs.getString("member"))).findOne();
    }

    @Override
    public Assignment assign(ReleaseName release, RoleName role, MemberId member, Assignment.State state, boolean byHand,
                             Instant at, Instant deadline) {
        new SqlMembers(h).ensure(member);
        long id = h.createUpdate("""
                        insert into assignment (release, role, member, state, by_hand, at, deadline)
                        values (:r, :role, :m, :state, :byHand, :at, :deadline)""")
                .bind("r", release.value()).bind("role", role.value()).bind("m", member.value())
                .bind("state", state.label()).bind("byHand", byHand ? 1 : 0).bind("at", Columns.text(at))
                .bind("deadline", Columns.text(deadline))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return new Assignment(id, release, role, member, state, byHand, at, deadline);
    }

    @Override
    public void setState(long assignmentId, Assignment.State state, Instant at) {
        h.createUpdate("update assignment set state = :state, at = :at where id = :id")
                .bind("state", state.label()).bind("at", Columns.text(at)).bind("id", assignmentId).execute();
    }
}
