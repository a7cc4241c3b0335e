package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Delivery;
import dev.btrbot.core.Outbox;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.Rotator;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Release;
import java.util.List;

/**
 * Proposes a member for every role of the release that nobody fills yet and
 * that has a pool; each proposed member gets an accept/decline prompt.
 */
public final class Rotate implements Command {
    private final Store store;
    private final Delivery delivery;
    private final Rotator rotator;

    public Rotate(Store store, Delivery delivery, Rotator rotator) {
        this.store = store;
        this.delivery = delivery;
        this.rotator = rotator;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("rotate").arg("release");
    }

    @Override
    public String help() {
        return "Offers each unfilled role to the next available member of its pool (fair round robin across releases).";
    }

    @Override
    public Reply run(Call call, Args args) {
        Outbox outbox = new Outbox();
        List<String> lines = store.write(tx -> {
            Release release = tx.releases().open(args.get("release"));
            call.rights().requireManager(tx, release.name(), call.actor(), "rotate roles");
            return rotator.rotateAll(tx, call, release, outbox);
        });
        delivery.send(outbox);
        return Reply.builder("Rotation for " + args.get("release")).section("", lines).build();
    }
}
