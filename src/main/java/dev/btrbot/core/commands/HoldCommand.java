package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;

/** Anyone may stop the release; the gate stays shut until the hold is lifted. */
public final class HoldCommand implements Command {
    private final Store store;

    public HoldCommand(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("hold").arg("release").requiredRest("reason");
    }

    @Override
    public String help() {
        return "Stops the release from being tagged, with a reason (anyone).";
    }

    @Override
    public Reply run(Call call, Args args) {
        String reason = String.join(" ", args.rest("reason")).strip();
        if (reason.isEmpty() || reason.length() > 500) {
            throw new Refusal("Say why (up to 500 characters): hold <release> <reason>.");
        }
        return store.write(tx -> {
            Release release = tx.releases().named(args.get("release"));
            if (!release.state().isActive()) {
                throw new Refusal(release.name() + " is " + release.state().label() + ": there is nothing to hold.");
            }
            tx.holds().add(release.name(), call.actor(), reason, call.now());
            call.audit(tx, release.name(), "hold", reason);
            return Reply.text(release.name() + " is on hold by " + call.actor(), reason,
                    "unhold " + release.name() + " lifts it (the holder or a release manager).");
        });
    }
}
