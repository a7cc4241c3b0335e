package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.AwayPeriod;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Refusal;

/** Members mark themselves away (admins may do it for them); rotation skips them then. */
public final class Away implements Command {
    private final Store store;

    public Away(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("away").arg("member").arg("from").arg("to");
    }

    @Override
    public String help() {
        return "Marks a member away between two dates (YYYY-MM-DD, inclusive); rotation skips them.";
    }

    @Override
    public Reply run(Call call, Args args) {
        MemberId member = new MemberId(args.get("member"));
        AwayPeriod period = new AwayPeriod(member, Dates.parse(args.get("from")), Dates.parse(args.get("to")));
        store.write(tx -> {
            if (!member.equals(call.actor()) && !call.rights().isAdmin(call.actor())) {
                throw new Refusal("Only " + member + " or an admin may mark " + member + " away.");
            }
            tx.members().addAway(period);
            MemberId.displayNameIn(args.get("member")).ifPresent(name -> tx.members().name(member, name));
            call.audit(tx, null, "member.away", member + " away " + period.from() + " to " + period.to());
            return null;
        });
        return Reply.text(member + " is away from " + period.from() + " to " + period.to(), "Rotation skips them then.");
    }
}
