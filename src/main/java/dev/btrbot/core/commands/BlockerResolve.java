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
import dev.btrbot.domain.RoleName;

/** The triager or a release manager marks a blocker done; its fixes still have to reach the release branch. */
public final class BlockerResolve implements Command {
    private final Store store;

    public BlockerResolve(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("blocker resolve").arg("release").arg("blocker");
    }

    @Override
    public String help() {
        return "Marks a blocker resolved (triage role, release manager or admin).";
    }

    @Override
    public Reply run(Call call, Args args) {
        Blocker b = store.write(tx -> {
            Release release = tx.releases().open(args.get("release"));
            Blocker blocker = BlockerRef.find(tx, release.name(), args.get("blocker"));
            call.rights().requireRoleOrManager(tx, release.name(), RoleName.TRIAGE, call.actor(), "resolve blockers");
            if (!blocker.open()) {
                throw new Refusal("Blocker #" + blocker.number() + " is resolved already.");
            }
            tx.blockers().setOpen(release.name(), blocker.number(), false, call.now());
            call.audit(tx, release.name(), "blocker.resolve", "#" + blocker.number() + " " + blocker.url());
            return blocker;
        });
        return Reply.text("Blocker #" + b.number() + " of " + b.release() + " is resolved", b.title()
                + (b.fixes().isEmpty() ? "" : " — its fixes must still be on the release branch."));
    }
}
