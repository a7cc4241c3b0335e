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
import dev.btrbot.domain.Text;

/**
 * Opens a ticked item again (a tick by mistake, or a step to redo), by its role's holder or a release manager, until
 * the release is tagged: from then on its checklist is the record of what was done before the tag. Audited, with who
 * had ticked it.
 */
public final class Uncheck implements Command {
    private final Store store;
    private final Checklists checklists;

    public Uncheck(Store store, Checklists checklists) {
        this.store = store;
        this.checklists = checklists;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("uncheck").arg("release").arg("item");
    }

    @Override
    public String help() {
        return "Opens a ticked item of the release's checklist again, until the release is tagged (the item's role holder or a release manager).";
    }

    @Override
    public Reply run(Call call, Args args) {
        return store.write(tx -> {
            Release release = tx.releases().named(args.get("release"));
            if (release.state() == dev.btrbot.domain.ReleaseState.CANCELLED) {
                throw new Refusal(release.name() + " is cancelled: its checklist is closed.");
            }
            if (!release.state().isActive()) {
                throw new Refusal(release.name() + " is " + release.state().label() + ": its checklist stays as it was"
                        + " at the tag, and unticking is refused.");
            }
            ChecklistItem item = new Checklist(checklists.ensure(tx, release, call.actor(), call.now()), java.util.Map.of())
                    .item(release.name(), args.get("item"));
            call.rights().requireRoleOrManager(tx, release.name(), item.role(), call.actor(), "uncheck '" + item.id() + "'");
            if (item.open()) {
                throw new Refusal("'" + item.id() + "' is not checked.");
            }
            tx.checklists().untick(release.name(), item.id());
            call.audit(tx, release.name(), "checklist.uncheck", item.id() + ": " + item.text() + " (checked by " + item.tick().by()
                    + " at " + Text.time(item.tick().at()) + ")");
            return Reply.text("Opened " + item.position() + ". " + item.id() + " of " + release.name() + " again", item.text()
                    + " (was checked by " + item.tick().by() + " at " + Text.time(item.tick().at()) + ").");
        });
    }
}
