package dev.btrbot.adapter.store;

import dev.btrbot.core.port.HoldRepo;
import dev.btrbot.domain.Hold;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

final class SqlHolds implements HoldRepo {
    private final Handle h;

    SqlHolds(Handle h) {
        this.h = h;
    }

    @Override
    public Hold add(ReleaseName release, MemberId member, String reason, Instant at) {
        long id = h.createUpdate("insert into hold (release, member, reason, at) values (:r, :m, :reason, :at)")
                .bind("r", release.value()).bind("m", member.value()).bind("reason", reason).bind("at", Columns.text(at))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return new Hold(id, release, member, reason, at);
    }

    @Override
    public List<Hold> active(ReleaseName release) {
        return h.createQuery("select * from hold where release = :r and lifted_at is null order by id").bind("r", release.value())
                .map((rs, ctx) -> new Hold(rs.getLong("id"), release, new MemberId(rs.getString("member")), rs.getString("reason"),
                        Columns.instant(rs, "at"))).list();
    }

    @Override
    public void lift(long holdId, MemberId by, Instant at) {
        h.createUpdate("update hold set lifted_by = :by, lifted_at = :at where id = :id")
                .bind("by", by.value()).bind("at", Columns.text(at)).bind("id", holdId).execute();
    }
}
