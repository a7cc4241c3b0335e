package dev.btrbot.adapter.store;

import dev.btrbot.core.port.NotesApprovalRepo;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

final class SqlNotesApprovals implements NotesApprovalRepo {
    private final Handle h;

    SqlNotesApprovals(Handle h) {
        this.h = h;
    }

    @Override
    public boolean approve(ReleaseName release, String candidateId, MemberId by, Instant at) {
        return h.createUpdate("insert into notes_approval (release, candidate_id, approved_by, approved_at) values (:r, :c, :by, :at)"
                        + " on conflict do nothing")
                .bind("r", release.value()).bind("c", candidateId).bind("by", by.value()).bind("at", Columns.text(at)).execute() == 1;
    }

    @Override
    public Optional<Approval> find(ReleaseName release, String candidateId) {
        return h.createQuery("select * from notes_approval where release = :r and candidate_id = :c")
                .bind("r", release.value()).bind("c", candidateId)
                .map((rs, ctx) -> new Approval(release, rs.getString("candidate_id"), new MemberId(rs.getString("approved_by")),
                        Columns.instant(rs, "approved_at"))).findOne();
    }

    @Override
    public Set<String> approvedCandidates(ReleaseName release) {
        return Set.copyOf(h.createQuery("select candidate_id from notes_approval where release = :r").bind("r", release.value())
                .mapTo(String.class).list());
    }
}
