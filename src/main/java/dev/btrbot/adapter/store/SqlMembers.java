package dev.btrbot.adapter.store;

import dev.btrbot.core.port.MemberRepo;
import dev.btrbot.domain.AwayPeriod;
import dev.btrbot.domain.MemberId;
import java.util.List;
import org.jdbi.v3.core.Handle;

final class SqlMembers implements MemberRepo {
    private final Handle h;

    SqlMembers(Handle h) {
        this.h = h;
    }

    @Override
    public void ensure(MemberId member) {
        h.createUpdate("insert into member (id) values (:id) on conflict (id) do nothing").bind("id", member.value()).execute();
    }

    @Override
    public void addAway(AwayPeriod period) {
        ensure(period.member());
        h.createUpdate("insert into away_period (member, from_day, to_day) values (:m, :f, :t)")
                .bind("m", period.member().value()).bind("f", Columns.text(period.from())).bind("t", Columns.text(period.to()))
                .execute();
    }

    @Override
    public List<AwayPeriod> away(MemberId member) {
        return h.createQuery("select * from away_period where member = :m order by from_day").bind("m", member.value())
                .map((rs, ctx) -> new AwayPeriod(member, Columns.date(rs, "from_day"), Columns.date(rs, "to_day"))).list();
    }

    @Override
    public void name(MemberId member, String displayName) {
        ensure(member);
        h.createUpdate("update member set display_name = :n where id = :id").bind("n", displayName).bind("id", member.value()).execute();
    }

    @Override
    public java.util.Map<MemberId, String> displayNames() {
        java.util.Map<MemberId, String> names = new java.util.HashMap<>();
        h.createQuery("select id, display_name from member where display_name is not null")
                .map((rs, ctx) -> java.util.Map.entry(new MemberId(rs.getString("id")), rs.getString("display_name")))
                .forEach(e -> names.put(e.getKey(), e.getValue()));
        return names;
    }

    @Override
    public java.util.Optional<String> displayName(MemberId member) {
        return h.createQuery("select display_name from member where id = :id and display_name is not null")
                .bind("id", member.value()).mapTo(String.class).findOne();
    }
}
