package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Hold;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import java.util.List;

/** The holder lifts their own hold; a release manager lifts all of them. */
public final class Unhold implements Command {
    private final Store store;

    public Unhold(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("unhold").arg("release");
    }

    @Override
    public String help() {
        return "Lifts your hold (a release manager lifts every hold).";
    }

    @Override
    public Reply run(Call call, Args args) {
        return store.write(tx -> {
            Release release = tx.releases().named(args.get("release"));
            List<Hold> active = tx.holds().active(release.name());
            if (active.isEmpty()) {
                throw new Refusal(release.name() + " is not on hold.");
            }
            boolean manager = call.rights().isManager(tx, release.name(), call.actor());
            List<Hold> mine = active.stream().filter(h -> manager || h.member().equals(call.actor())).toList();
            if (mine.isEmpty()) {
                throw new Refusal("Only the holder (" + String.join(", ", active.stream().map(h -> h.member().value()).distinct().toList())
                        + ") or a release manager may lift the hold on " + release.name() + ".");
            }
            for (Hold h : mine) {
                tx.holds().lift(h.id(), call.actor(), call.now());
                call.audit(tx, release.name(), "unhold", "lifted " + h.member() + "'s hold: " + h.reason());
            }
            int left = active.size() - mine.size();
            return Reply.text("Lifted " + mine.size() + (mine.size() == 1 ? " hold" : " holds") + " on " + release.name(),
                    left == 0 ? "No holds remain." : left + " other hold(s) remain.");
        });
    }
}
