package dev.btrbot.adapter.store;

import dev.btrbot.core.port.ChecklistRepo;
import dev.btrbot.domain.ChecklistItem;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RoleName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

final class SqlChecklists implements ChecklistRepo {
    private final Handle h;

    SqlChecklists(Handle h) {
        this.h = h;
    }

    @Override
    public Optional<List<ChecklistItem>> find(ReleaseName release) {
        boolean given = h.createQuery("select count(*) from checklist where release = :r").bind("r", release.value())
                .mapTo(Long.class).one() > 0;
        if (!given) {
            return Optional.empty();
        }
        return Optional.of(h.createQuery("select * from checklist_item where release = :r order by position").bind("r", release.value())
                .map((rs, ctx) -> {
                    String by = rs.getString("checked_by");
                    ChecklistItem.Tick tick = by == null ? null
                            : new ChecklistItem.Tick(new MemberId(by), Columns.instant(rs, "checked_at"), rs.getString("note"));
                    return new ChecklistItem(rs.getString("item"), rs.getString("text"), new RoleName(rs.getString("role")),
                            rs.getInt("position"), tick);
                }).list());
    }

    @Override
    public boolean create(ReleaseName release, List<ChecklistItem> items, Instant at) {
        int given = h.createUpdate("insert into checklist (release, created_at) values (:r, :at) on conflict (release) do nothing")
                .bind("r", release.value()).bind("at", Columns.text(at)).execute();
        if (given == 0) {
            return false;
        }
        for (ChecklistItem i : items) {
            h.createUpdate("insert into checklist_item (release, item, text, role, position) values (:r, :item, :text, :role, :position)")
                    .bind("r", release.value()).bind("item", i.id()).bind("text", i.text()).bind("role", i.role().value())
                    .bind("position", i.position()).execute();
        }
        return true;
    }

    @Override
    public void tick(ReleaseName release, String item, ChecklistItem.Tick tick) {
        int changed = h.createUpdate("update checklist_item set checked_by = :by, checked_at = :at, note = :note"
                        + " where release = :r and item = :item and checked_by is null")
                .bind("by", tick.by().value()).bind("at", Columns.text(tick.at())).bind("note", tick.note())
                .bind("r", release.value()).bind("item", item).execute();
        if (changed != 1) {
            throw new IllegalStateException("checklist item " + item + " of " + release + " is not open");
        }
    }

    @Override
    public void untick(ReleaseName release, String item) {
        h.createUpdate("update checklist_item set checked_by = null, checked_at = null, note = null where release = :r and item = :item")
                .bind("r", release.value()).bind("item", item).execute();
    }
}
