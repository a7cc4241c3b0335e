package dev.btrbot.core;

import dev.btrbot.core.port.StoreTx;
import dev.btrbot.domain.Checklist;
import dev.btrbot.domain.ChecklistItem;
import dev.btrbot.domain.ChecklistTemplate;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.RoleName;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Releases' runbook checklists, given from the template the bot was started with ({@code BTR_CHECKLIST_FILE}, else
 * the koa.2 runbook). A release gets its checklist when it is created. An active release from before checklists gets
 * it the first time a command reads or ticks it ({@code checklist}, {@code check}, {@code uncheck}); until then, views
 * that write nothing (the gate in {@code status}, the dashboard, the summary) show the template's items as open, so
 * the gate is the same before and after. A release that was tagged or cancelled before checklists has none.
 */
public final class Checklists {
    private final ChecklistTemplate template;

    public Checklists(ChecklistTemplate template) {
        this.template = template;
    }

    public ChecklistTemplate template() {
        return template;
    }

    /** The release's items: as stored; for an active release never given a checklist, the template's, open. */
    public List<ChecklistItem> items(StoreTx tx, Release release) {
        return tx.checklists().find(release.name())
                .orElseGet(() -> release.state().isActive() ? template.items() : List.of());
    }

    /**
     * Gives an active release its checklist from the template when it has none (audited {@code checklist.create});
     * the release's items either way.
     */
    public List<ChecklistItem> ensure(StoreTx tx, Release release, MemberId actor, Instant now) {
        var stored = tx.checklists().find(release.name());
        if (stored.isPresent() || !release.state().isActive()) {
            return stored.orElse(List.of());
        }
        List<ChecklistItem> items = template.items();
        if (tx.checklists().create(release.name(), items, now)) {
            // an empty checklist (no template) is nothing to put on the record
            if (!items.isEmpty()) {
                tx.audit().record(now, actor, release.name(), "checklist.create",
                        String.join(", ", items.stream().map(i -> i.id() + " (" + i.role() + ")").toList()));
            }
            return items;
        }
        return tx.checklists().find(release.name()).orElse(List.of());
    }

    /** The release's checklist with the accepted holders of each role that owns an item, for the gate and the views. */
    public Checklist of(StoreTx tx, Release release) {
        List<ChecklistItem> items = items(tx, release);
        Map<RoleName, List<MemberId>> holders = new LinkedHashMap<>();
        for (ChecklistItem item : items) {
            holders.computeIfAbsent(item.role(), role -> Rights.holders(tx, release.name(), role));
        }
        return new Checklist(items, holders);
    }

    /**
     * One line per item: ticked by whom, when and with what note (no note in a public view), or open with its role and
     * holder; numbered as {@code check} takes them.
     */
    public static List<String> lines(Checklist checklist, java.util.function.Function<MemberId, String> name, boolean withNotes) {
        return checklist.items().stream().map(i -> i.position() + ". " + (i.open() ? "☐ " : "✅ ") + i.id() + " — " + i.text() + " — "
                + (i.open() ? "open (" + i.role() + ": " + holders(checklist.holdersOf(i.role()), name) + ")"
                : "checked by " + name.apply(i.tick().by()) + " at " + dev.btrbot.domain.Text.time(i.tick().at())
                + (withNotes && !i.tick().note().isEmpty() ? ": " + i.tick().note() : ""))).toList();
    }

    public static String holders(List<MemberId> holders, java.util.function.Function<MemberId, String> name) {
        return holders.isEmpty() ? "nobody yet" : String.join(", ", holders.stream().map(name).toList());
    }
}
