package dev.btrbot.adapter.store;

import dev.btrbot.core.port.AnnouncementRepo;
import dev.btrbot.domain.ReleaseName;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

final class SqlAnnouncements implements AnnouncementRepo {
    private final Handle h;

    SqlAnnouncements(Handle h) {
        this.h = h;
    }

    @Override
    public void save(ReleaseName release, long tagRunId, String text, Instant at) {
        h.createUpdate("insert into announcement (release, tag_run_id, text, created_at) values (:r, :run, :text, :at)")
                .bind("r", release.value()).bind("run", tagRunId).bind("text", text).bind("at", Columns.text(at)).execute();
    }

    @Override
    public Optional<Announcement> latest(ReleaseName release) {
        return h.createQuery("select * from announcement where release = :r order by id desc limit 1").bind("r", release.value())
                .map((rs, ctx) -> new Announcement(rs.getLong("id"), release, rs.getLong("tag_run_id"), rs.getString("text"),
                        Columns.instant(rs, "created_at"), Columns.instant(rs, "posted_at"))).findOne();
    }

    @Override
    public void markPosted(long id, Instant at) {
        h.createUpdate("update announcement set posted_at = :at where id = :id").bind("at", Columns.text(at)).bind("id", id).execute();
    }
}
