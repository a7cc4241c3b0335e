package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Assignment;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.RoleName;

/** A release manager fills a role by hand; whoever held or was offered it is replaced. */
public final class RoleAssign implements Command {
    private final Store store;

    public RoleAssign(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("role assign").arg("release").arg("role").arg("member");
    }

    @Override
    public String help() {
        return "Gives a role to a member by hand, replacing the current holder or offer.";
    }

    @Override
    public Reply run(Call call, Args args) {
        return store.write(tx -> {
            RoleName role = RoleName.known(args.get("role"));
            // after the tag, the announcement is still to come: its role may still be given
            Release release = role.equals(RoleName.ANNOUNCER) ? tx.releases().named(args.get("release"))
                    : tx.releases().open(args.get("release"));
            MemberId member = new MemberId(args.get("member"));
            call.rights().requireManager(tx, release.name(), call.actor(), "assign roles");
            String replaced = "";
            for (Assignment a : tx.roles().assignments(release.name())) {
                if (a.role().equals(role) && a.live() && a.member().equals(member) && a.state() == Assignment.State.ACCEPTED) {
                    return Reply.text(member + " already is " + release.name() + "'s " + role + ": nothing changed.");
                }
            }
            for (Assignment a : tx.roles().assignments(release.name())) {
                if (a.role().equals(role) && a.live()) {
                    tx.roles().setState(a.id(), Assignment.State.EXPIRED, call.now());
                    replaced = " (replacing " + a.member() + ")";
                }
            }
            tx.roles().assign(release.name(), role, member, Assignment.State.ACCEPTED, true, call.now(), null);
            MemberId.displayNameIn(args.get("member")).ifPresent(name -> tx.members().name(member, name));
            call.audit(tx, release.name(), "role.assign", role + " → " + member + replaced);
            return Reply.text(member + " is " + release.name() + "'s " + role + replaced);
        });
    }
}
