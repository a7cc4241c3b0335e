package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;

/** A release manager may let one blocker not count, with a reason that stays visible in status and audit. */
public final class Waive implements Command {
    private final Store store;

    public Waive(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("waive").arg("release").arg("blocker").requiredRest("reason");
    }

    @Override
    public String help() {
        return "Lets a blocker not count for the gate, with a reason (release manager or admin).";
    }

    @Override
    public Reply run(Call call, Args args) {
        String reason = String.join(" ", args.rest("reason")).strip();
        if (reason.isEmpty()) {
            throw new Refusal("Say why the blocker may be waived.");
        }
        return store.write(tx -> {
            Release release = tx.releases().open(args.get("release"));
            Blocker blocker = BlockerRef.find(tx, release.name(), args.get("blocker"));
            call.rights().requireManager(tx, release.name(), call.actor(), "waive blockers");
            if (blocker.waived()) {
                throw new Refusal("Blocker #" + blocker.number() + " is waived already: " + blocker.waiver().reason());
            }
            tx.blockers().waive(release.name(), blocker.number(), call.actor(), reason, call.now());
            call.audit(tx, release.name(), "blocker.waive", "#" + blocker.number() + " " + blocker.url() + ": " + reason);
            return Reply.text("Blocker #" + blocker.number() + " of " + release.name() + " is waived", blocker.title() + " — " + reason);
        });
    }
}
