package dev.btrbot.adapter.store;

import dev.btrbot.core.port.CandidateRepo;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

final class SqlCandidates implements CandidateRepo {
    private final Handle h;

    SqlCandidates(Handle h) {
        this.h = h;
    }

    @Override
    public Candidate remember(Candidate c) {
        h.createUpdate("""
                        insert into candidate (release, id, heads, first_seen, seq, seen_order)
                        values (:r, :id, :heads, :at, (select coalesce(max(seq), 0) + 1 from candidate where release = :r),
                                (select coalesce(max(seen_order), 0) + 1 from candidate where release = :r))
                        on conflict (release, id) do update
                            set seen_order = (select max(seen_order) + 1 from candidate where release = :r)
                            where candidate.seen_order < (select max(seen_order) from candidate where release = :r)""")
                .bind("r", c.release().value()).bind("id", c.id())
                .bind("heads", String.join("\n", c.heads().stream().map(RepoHead::toString).toList()))
                .bind("at", Columns.text(c.firstSeen())).execute();
        return find(c.release(), c.id()).orElseThrow();
    }

    @Override
    public Optional<Candidate> find(ReleaseName release, String id) {
        return h.createQuery("select * from candidate where release = :r and id = :id").bind("r", release.value()).bind("id", id)
                .map((rs, ctx) -> new Candidate(release, rs.getString("id"), heads(rs.getString("heads")),
                        Columns.instant(rs, "first_seen"))).findOne();
    }

    @Override
    public List<Candidate> history(ReleaseName release) {
        return h.createQuery("select * from candidate where release = :r order by seen_order desc, seq desc").bind("r", release.value())
                .map((rs, ctx) -> new Candidate(release, rs.getString("id"), heads(rs.getString("heads")),
                        Columns.instant(rs, "first_seen"))).list();
    }

    private static List<RepoHead> heads(String lines) {
        return Arrays.stream(lines.split("\n")).map(line -> {
            int at = line.lastIndexOf('@');
            return new RepoHead(new RepoRef(line.substring(0, at)), new Sha(line.substring(at + 1)));
        }).toList();
    }
}
