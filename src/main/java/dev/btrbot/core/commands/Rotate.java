package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Delivery;
import dev.btrbot.core.Outbox;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.domain.Release;
import java.util.List;

/**
 * Proposes a member for every role of the release that nobody fills yet and
 * that has a pool; each proposed member gets an accept/decline prompt.
 */
public final class Rotate implements Command {
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
        List<String> lines = call.services().store().write(tx -> {
            Release release = Call.openRelease(tx, args.get("release"));
            call.rights().requireManager(tx, release.name(), call.actor(), "rotate roles");
            return Rotator.rotateAll(tx, call, release, outbox);
        });
        new Delivery(call.services().store(), call.services().chat(), call.services().clock(), call.services().processId())
                .send(outbox);
        return Reply.builder("Rotation for " + args.get("release")).section("", lines).build();
    }
}
