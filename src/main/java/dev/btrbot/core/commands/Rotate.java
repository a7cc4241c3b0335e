package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.domain.Assignment;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.RoleName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Proposes a member for every role of the release that nobody fills yet and that has a pool. */
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
        List<String> lines = new ArrayList<>();
        Reply.Builder reply = Reply.builder("Rotation for " + args.get("release"));
        call.services().store().write(tx -> {
            Release release = Call.release(tx, args.get("release"));
            call.rights().requireManager(tx, release.name(), call.actor(), "rotate roles");
            List<Assignment> existing = tx.roles().assignments(release.name());
            for (RoleName role : RoleName.DEFAULTS) {
                Optional<Assignment> live = existing.stream().filter(a -> a.role().equals(role) && a.live()).findFirst();
                if (live.isPresent()) {
                    lines.add(role + ": " + live.get().member() + " (" + live.get().state().label() + ")");
                    continue;
                }
                if (tx.roles().pool(role).isEmpty()) {
                    lines.add(role + ": no pool (pool " + role + " add <member>, or role assign)");
                    continue;
                }
                Optional<Assignment> offered = Rotator.offer(tx, call, release, role);
                if (offered.isPresent()) {
                    Assignment a = offered.get();
                    lines.add(role + ": offered to " + a.member() + " — accept by " + a.deadline());
                    reply.action("role-accept", "Accept " + role, release.name() + "|" + role + "|" + a.member(),
                            "role accept " + release.name() + " " + role);
                    reply.action("role-decline", "Decline " + role, release.name() + "|" + role + "|" + a.member(),
                            "role decline " + release.name() + " " + role);
                } else {
                    lines.add(role + ": nobody in the pool is available; the release manager assigns by hand (role assign)");
                }
            }
            return null;
        });
        return reply.section("", lines).build();
    }
}
