package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.RoleName;
import dev.btrbot.domain.Text;
import java.util.List;

/** Admins keep each role's rotation pool; order of joining is rotation order. */
public final class Pool implements Command {
    private final Store store;

    public Pool(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("pool").arg("role").choice("action", "add|remove").arg("member");
    }

    @Override
    public String help() {
        return "Adds a member to a role's rotation pool, or removes one.";
    }

    @Override
    public Reply run(Call call, Args args) {
        RoleName role = RoleName.known(args.get("role"));
        MemberId member = new MemberId(args.get("member"));
        String action = args.get("action");
        if (!action.equals("add") && !action.equals("remove")) {
            throw new Refusal("'" + Text.clip(action) + "' is not add or remove.");
        }
        List<MemberId> pool = store.write(tx -> {
            call.rights().requireAdmin(call.actor(), "change rotation pools");
            boolean changed = action.equals("add") ? tx.roles().addToPool(role, member) : tx.roles().removeFromPool(role, member);
            if (!changed) {
                throw new Refusal(member + (action.equals("add") ? " is in the " : " is not in the ") + role + " pool already.");
            }
            if (action.equals("add")) {
                MemberId.displayNameIn(args.get("member")).ifPresent(name -> tx.members().name(member, name));
            }
            call.audit(tx, null, "pool." + action, role + ": " + member);
            return tx.roles().pool(role);
        });
        return Reply.text(role + " pool: " + String.join(", ", pool.stream().map(MemberId::value).toList()));
    }
}
