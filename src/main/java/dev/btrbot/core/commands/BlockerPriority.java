package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Priority;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.RoleName;

/** Triage: giving a blocker its priority. */
public final class BlockerPriority implements Command {
    private final Store store;

    public BlockerPriority(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("blocker priority").arg("release").arg("blocker").choice("priority", "critical|high|medium|low");
    }

    @Override
    public String help() {
        return "Triages a blocker: sets its priority (triage role, release manager or admin).";
    }

    @Override
    public Reply run(Call call, Args args) {
        Priority priority = Priority.parse(args.get("priority"));
        Blocker b = store.write(tx -> {
            Release release = tx.releases().open(args.get("release"));
            Blocker blocker = BlockerRef.find(tx, release.name(), args.get("blocker"));
            call.rights().requireRoleOrManager(tx, release.name(), RoleName.TRIAGE, call.actor(), "triage blockers");
            tx.blockers().setPriority(release.name(), blocker.number(), priority);
            call.audit(tx, release.name(), "blocker.priority", "#" + blocker.number() + " " + blocker.priorityLabel() + " → "
                    + priority.label());
            return blocker;
        });
        return Reply.text("Blocker #" + b.number() + " of " + b.release() + " is " + priority.label(), b.title());
    }
}
