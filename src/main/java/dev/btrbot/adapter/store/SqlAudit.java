package dev.btrbot.adapter.store;

import dev.btrbot.core.port.AuditLog;
import dev.btrbot.domain.AuditEvent;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

final class SqlAudit implements AuditLog {
    private final Handle h;

    SqlAudit(Handle h) {
        this.h = h;
    }

    @Override
    public void record(Instant at, MemberId actor, ReleaseName release, String action, String details) {
        h.createUpdate("insert into audit_event (at, actor, release, action, details) values (:at, :actor, :r, :action, :details)")
                .bind("at", Columns.text(at)).bind("actor", actor.value()).bind("r", release == null ? null : release.value())
                .bind("action", action).bind("details", details).execute();
    }

    @Override
    public List<AuditEvent> forRelease(ReleaseName release) {
        return h.createQuery("select * from audit_event where lower(release) = :r order by id").bind("r", release.value())
                .map((rs, ctx) -> new AuditEvent(rs.getLong("id"), Columns.instant(rs, "at"), new MemberId(rs.getString("actor")),
                        release, rs.getString("action"), rs.getString("details"))).list();
    }

    @Override
    public List<AuditEvent> global() {
        return h.createQuery("select * from audit_event where release is null order by id")
                .map((rs, ctx) -> new AuditEvent(rs.getLong("id"), Columns.instant(rs, "at"), new MemberId(rs.getString("actor")),
                        null, rs.getString("action"), rs.getString("details"))).list();
    }

    @Override
    public List<Instant> times(MemberId actor, Instant since) {
        // times are ISO text whose fraction of a second varies in length: compare from a second earlier, callers filter exactly
        return h.createQuery("select at from audit_event where actor = :a and at >= :since order by at")
                .bind("a", actor.value()).bind("since", Columns.text(since.minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                .map((rs, ctx) -> Columns.instant(rs, "at")).list();
    }
}
