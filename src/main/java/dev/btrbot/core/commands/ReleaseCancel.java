package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseState;

/** A cancelled release keeps its record but can no longer be signed off or tagged. */
public final class ReleaseCancel implements Command {
    private final Store store;

    public ReleaseCancel(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("release cancel").arg("name");
    }

    @Override
    public String help() {
        return "Cancels a release that was not tagged (admins and its release manager).";
    }

    @Override
    public Reply run(Call call, Args args) {
        Release release = store.write(tx -> {
            Release r = tx.releases().named(args.get("name"));
            call.rights().requireManager(tx, r.name(), call.actor(), "cancel it");
            if (!r.state().isActive()) {
                throw new Refusal(r.name() + " is " + r.state().label() + " already and cannot be cancelled.");
            }
            tx.releases().setState(r.name(), ReleaseState.CANCELLED);
            call.audit(tx, r.name(), "release.cancel", "was " + r.state().label());
            return r;
        });
        return Reply.text("Cancelled " + release.name(), "It stays in 'release list' and its audit log is kept.");
    }
}
