package dev.btrbot.adapter.store;

import dev.btrbot.core.port.SyncStateRepo;
import dev.btrbot.domain.ReleaseName;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

final class SqlSyncState implements SyncStateRepo {
    private final Handle h;

    SqlSyncState(Handle h) {
        this.h = h;
    }

    @Override
    public Optional<SyncState> find(ReleaseName release) {
        return h.createQuery("select * from github_sync where release = :r").bind("r", release.value())
                .map((rs, ctx) -> new SyncState(release, Columns.instant(rs, "refreshed_at"), Columns.instant(rs, "unreachable_since"),
                        rs.getString("last_error"), Columns.instant(rs, "running_since"),
                        Columns.instant(rs, "partial_at"))).findOne();
    }

    private void ensure(ReleaseName release) {
        h.createUpdate("insert into github_sync (release) values (:r) on conflict do nothing").bind("r", release.value()).execute();
    }

    @Override
    public boolean claim(ReleaseName release, String owner, Instant at, Instant staleBefore) {
        ensure(release);
        return h.createUpdate("""
                        update github_sync set running_owner = :owner, running_since = :at
                        where release = :r and (running_since is null or running_since < :stale)""")
                .bind("owner", owner).bind("at", Columns.text(at)).bind("stale", Columns.text(staleBefore))
                .bind("r", release.value()).execute() == 1;
    }

    @Override
    public void release(ReleaseName release, String owner) {
        h.createUpdate("update github_sync set running_owner = null, running_since = null where release = :r and running_owner = :owner")
                .bind("r", release.value()).bind("owner", owner).execute();
    }

    @Override
    public void succeeded(ReleaseName release, Instant at) {
        ensure(release);
        h.createUpdate("""
                        update github_sync set refreshed_at = :at, unreachable_since = null, last_error = null, partial_at = null
                        where release = :r""")
                .bind("at", Columns.text(at)).bind("r", release.value()).execute();
    }

    @Override
    public void partial(ReleaseName release, Instant at) {
        ensure(release);
        h.createUpdate("""
                        update github_sync set refreshed_at = :at, unreachable_since = null, last_error = null, partial_at = :at
                        where release = :r""")
                .bind("at", Columns.text(at)).bind("r", release.value()).execute();
    }

    @Override
    public void failed(ReleaseName release, Instant at, String error) {
        ensure(release);
        h.createUpdate("""
                        update github_sync set unreachable_since = coalesce(unreachable_since, :at), last_error = :error
                        where release = :r""")
                .bind("at", Columns.text(at)).bind("error", error).bind("r", release.value()).execute();
    }
}
