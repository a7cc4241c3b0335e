package dev.btrbot.core.jobs;

import dev.btrbot.core.Call;
import dev.btrbot.core.Delivery;
import dev.btrbot.core.Outbox;
import dev.btrbot.core.PostKey;
import dev.btrbot.core.Recovery;
import dev.btrbot.core.Reply;
import dev.btrbot.core.Rights;
import dev.btrbot.core.Rotator;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Assignment;
import dev.btrbot.domain.Deadlines;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import java.time.Instant;
import java.util.List;

/**
 * Role offers nobody answered: reminded halfway to their deadline, expired at
 * it, the role then offered to the next member of its pool (and the release
 * manager told). The expiry commits with its claim, so it happens once.
 */
public final class RoleOfferJob {
    private final Store store;
    private final Delivery delivery;
    private final Rotator rotator;
    private final Rights rights;

    /** @param rights the bot's rights as the actor of the offers it moves on (for the rotation and its audit) */
    public RoleOfferJob(Store store, Delivery delivery, Rotator rotator, Rights rights) {
        this.store = store;
        this.delivery = delivery;
        this.rotator = rotator;
        this.rights = rights;
    }

    void run(ReleaseName name, Instant now, List<String> sent) {
        Outbox outbox = new Outbox();
        store.write(tx -> {
            Release release = tx.releases().named(name.value());
            for (Assignment a : tx.roles().assignments(name)) {
                if (a.state() != Assignment.State.PROPOSED) {
                    continue;
                }
                if (Deadlines.expired(a.deadline(), now)) {
                    PostKey expiry = new PostKey(name, PostKey.Kind.ROLE_EXPIRY, a.id());
                    if (!delivery.claim(tx, expiry, now)) {
                        continue;
                    }
                    tx.roles().setState(a.id(), Assignment.State.EXPIRED, now);
                    tx.audit().record(now, Recovery.BOT, name, "role.expire",
                            a.role() + ": " + a.member() + " did not answer by " + a.deadline());
                    outbox.tell(a.member(), Reply.text("Your offer of " + a.role() + " for " + name + " expired",
                            "Nobody answered by " + Rotator.when(a.deadline()) + ", so it went to the next member of the pool."), expiry);
                    rotator.moveOn(tx, new Call(Recovery.BOT, now, rights), release, a, a.member() + " did not answer the offer of " + a.role() + " for " + name
                            + " by " + Rotator.when(a.deadline()), outbox);
                } else if (Deadlines.reminderDue(a.at(), a.deadline(), now)) {
                    PostKey reminder = new PostKey(name, PostKey.Kind.ROLE_REMINDER, a.id());
                    if (delivery.claim(tx, reminder, now)) {
                        tx.audit().record(now, Recovery.BOT, name, "role.remind",
                                a.role() + ": reminded " + a.member() + " (deadline " + a.deadline() + ")");
                        outbox.tell(a.member(), Rotator.prompt(release, a, true), reminder);
                    }
                }
            }
            return null;
        });
        Scheduler.report(delivery.send(outbox), sent);
    }
}
