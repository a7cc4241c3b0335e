package dev.btrbot.adapter.store;

import dev.btrbot.core.port.ScheduledPostRepo;
import dev.btrbot.domain.ReleaseName;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** The primary key (release, kind, slot) is the whole exactly-once mechanism: the first insert wins. */
final class SqlScheduledPosts implements ScheduledPostRepo {
    private final Handle h;

    SqlScheduledPosts(Handle h) {
        this.h = h;
    }

    @Override
    public boolean claim(ReleaseName release, String kind, String slot, String owner, Instant at) {
        return h.createUpdate("""
                        insert into scheduled_post (release, kind, slot, claimed_by, claimed_at) values (:r, :k, :s, :o, :at)
                        on conflict (release, kind, slot) do nothing""")
                .bind("r", release.value()).bind("k", kind).bind("s", slot).bind("o", owner).bind("at", Columns.text(at))
                .execute() == 1;
    }

    @Override
    public boolean claimed(ReleaseName release, String kind, String slot) {
        return h.createQuery("select count(*) from scheduled_post where release = :r and kind = :k and slot = :s")
                .bind("r", release.value()).bind("k", kind).bind("s", slot).mapTo(Integer.class).one() > 0;
    }

    @Override
    public java.util.List<Undelivered> undelivered(ReleaseName release, Instant before) {
        return h.createQuery("""
                        select kind, slot, claimed_at from scheduled_post
                        where release = :r and sent_at is null and claimed_at < :before order by claimed_at""")
                .bind("r", release.value()).bind("before", Columns.text(before))
                .map((rs, ctx) -> new Undelivered(rs.getString("kind"), rs.getString("slot"), Columns.instant(rs, "claimed_at"))).list();
    }

    @Override
    public void markSent(ReleaseName release, String kind, String slot, Instant at) {
        h.createUpdate("update scheduled_post set sent_at = :at where release = :r and kind = :k and slot = :s")
                .bind("at", Columns.text(at)).bind("r", release.value()).bind("k", kind).bind("s", slot).execute();
    }
}
