package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Checklists;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Checklist;
import dev.btrbot.domain.ChecklistItem;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseState;
import dev.btrbot.domain.Text;

/**
 * The holder of the role that owns an item (or a release manager) ticks it, with an optional note; audited. An item
 * is ticked once: to tick it again, uncheck it first.
 */
public final class Check implements Command {
    private final Store store;
    private final Checklists checklists;

    public Check(Store store, Checklists checklists) {
        this.store = store;
        this.checklists = checklists;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("check").arg("release").arg("item").rest("note");
    }

    @Override
    public String help() {
        return "Ticks an item of the release's checklist, by number or id, with an optional note (the item's role holder or a release manager).";
    }

    @Override
    public Reply run(Call call, Args args) {
        String note = String.join(" ", args.rest("note")).strip();
        if (note.length() > ChecklistItem.MAX_NOTE) {
            throw new Refusal("A checklist note has at most " + ChecklistItem.MAX_NOTE + " characters.");
        }
        return store.write(tx -> {
            Release release = tx.releases().named(args.get("release"));
            if (release.state() == ReleaseState.CANCELLED) {
                throw new Refusal(release.name() + " is cancelled: its checklist is closed.");
            }
            ChecklistItem item = new Checklist(checklists.ensure(tx, release, call.actor(), call.now()), java.util.Map.of())
                    .item(release.name(), args.get("item"));
            call.rights().requireRoleOrManager(tx, release.name(), item.role(), call.actor(), "check '" + item.id() + "'");
            if (!item.open()) {
                throw new Refusal("'" + item.id() + "' is checked already, by " + item.tick().by() + " at " + Text.time(item.tick().at())
                        + (release.state().isActive() ? " (uncheck " + release.name() + " " + item.id() + " opens it again)." : "."));
            }
            tx.checklists().tick(release.name(), item.id(), new ChecklistItem.Tick(call.actor(), call.now(), note));
            call.audit(tx, release.name(), "checklist.check", item.id() + ": " + item.text() + (note.isEmpty() ? "" : ", notes: " + note));
            Checklist now = checklists.of(tx, release);
            String left = now.open().isEmpty() ? "Every item of " + release.name() + "'s checklist is checked."
                    : now.open().size() + " open: " + String.join(", ", now.open().stream().map(ChecklistItem::id).toList())
                    + " ('checklist " + release.name() + "' lists them).";
            return Reply.text("Checked " + item.position() + ". " + item.id() + " of " + release.name(), item.text()
                    + (note.isEmpty() ? "" : " — " + note), left);
        });
    }
}
