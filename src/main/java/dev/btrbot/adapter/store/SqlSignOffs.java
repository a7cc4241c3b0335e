package dev.btrbot.adapter.store;

import dev.btrbot.core.port.SignOffRepo;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.SignOff;
import dev.btrbot.domain.Verdict;
import java.util.List;
import org.jdbi.v3.core.Handle;

final class SqlSignOffs implements SignOffRepo {
    private final Handle h;

    SqlSignOffs(Handle h) {
        this.h = h;
    }

    @Override
    public void put(SignOff s) {
        new SqlMembers(h).ensure(s.member());
        h.createUpdate("""
                        insert into signoff (release, candidate_id, member, verdict, environment, notes, rc_tag, at)
                        values (:r, :c, :m, :v, :env, :notes, :rc, :at)
                        on conflict (release, candidate_id, member) do update set verdict = excluded.verdict,
                            environment = excluded.environment, notes = excluded.notes, rc_tag = excluded.rc_tag, at = excluded.at""")
                .bind("r", s.release().value()).bind("c", s.candidateId()).bind("m", s.member().value())
                .bind("v", s.verdict().label()).bind("env", s.environment()).bind("notes", s.notes()).bind("rc", s.rcTag())
                .bind("at", Columns.text(s.at())).execute();
    }

    @Override
    public List<SignOff> forRelease(ReleaseName release) {
        return h.createQuery("select * from signoff where release = :r order by at, member").bind("r", release.value())
                .map((rs, ctx) -> new SignOff(release, rs.getString("candidate_id"), new MemberId(rs.getString("member")),
                        Verdict.parse(rs.getString("verdict")), rs.getString("environment"), rs.getString("notes"),
                        rs.getString("rc_tag"), Columns.instant(rs, "at"))).list();
    }
}
