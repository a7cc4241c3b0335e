package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Delivery;
import dev.btrbot.core.Outbox;
import dev.btrbot.core.Reply;
import dev.btrbot.core.Rotator;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.domain.Assignment;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.RoleName;
import java.util.Optional;

/**
 * Only the member a role was offered to may accept or decline it. A decline
 * offers the role to the next available member of the pool at once (who is
 * prompted) and tells the release manager.
 */
public final class RoleAnswer implements Command {
    private final boolean accept;
    private final Store store;
    private final Delivery delivery;
    private final Rotator rotator;

    private RoleAnswer(boolean accept, Store store, Delivery delivery, Rotator rotator) {
        this.accept = accept;
        this.store = store;
        this.delivery = delivery;
        this.rotator = rotator;
    }

    public static RoleAnswer accept(Store store, Delivery delivery, Rotator rotator) {
        return new RoleAnswer(true, store, delivery, rotator);
    }

    public static RoleAnswer decline(Store store, Delivery delivery, Rotator rotator) {
        return new RoleAnswer(false, store, delivery, rotator);
    }

    @Override
    public Syntax syntax() {
        return Syntax.of(accept ? "role accept" : "role decline").arg("release").arg("role");
    }

    @Override
    public String help() {
        return accept ? "Accepts a role you were offered." : "Declines a role you were offered; the next member is asked.";
    }

    @Override
    public Reply run(Call call, Args args) {
        Outbox outbox = new Outbox();
        Reply reply = store.write(tx -> {
            Release release = tx.releases().named(args.get("release"));
            RoleName role = RoleName.known(args.get("role"));
            Assignment offer = tx.roles().assignments(release.name()).stream()
                    .filter(a -> a.role().equals(role) && a.state() == Assignment.State.PROPOSED).findFirst()
                    .orElseThrow(() -> new Refusal("Nobody is being offered " + role + " for " + release.name() + " right now."));
            if (!offer.member().equals(call.actor())) {
                throw new Refusal(role + " for " + release.name() + " was offered to " + offer.member() + "; only they may answer.");
            }
            if (accept) {
                tx.roles().setState(offer.id(), Assignment.State.ACCEPTED, call.now());
                call.audit(tx, release.name(), "role.accept", call.actor() + " accepted " + role);
                return Reply.text(call.actor() + " is " + release.name() + "'s " + role, "Thank you!");
            }
            tx.roles().setState(offer.id(), Assignment.State.DECLINED, call.now());
            call.audit(tx, release.name(), "role.decline", call.actor() + " declined " + role);
            Optional<Assignment> next = rotator.moveOn(tx, call, release, offer,
                    call.actor() + " declined " + role + " for " + release.name(), outbox);
            return Reply.text(call.actor() + " declined " + role + " for " + release.name(),
                    next.map(a -> "Offered to " + a.member() + " instead (until " + Rotator.when(a.deadline()) + ").")
                            .orElse("Nobody else in the pool is available: the release manager assigns it by hand (role assign)."));
        });
        delivery.send(outbox);
        return reply;
    }
}
