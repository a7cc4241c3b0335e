package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Assignment;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.RoleName;
import java.util.List;

public final class Roles implements Command {
    private final Store store;

    public Roles(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("roles").arg("release");
    }

    /** Reads only. */
    @Override
    public boolean changesState(Args args) {
        return false;
    }

    @Override
    public String help() {
        return "Shows who holds or was offered each role of a release.";
    }

    @Override
    public Reply run(Call call, Args args) {
        return store.read(tx -> {
            Release release = tx.releases().named(args.get("release"));
            return Reply.builder("Roles of " + release.name()).section("", lines(tx.roles().assignments(release.name()))).build();
        });
    }

    static List<String> lines(List<Assignment> assignments) {
        return lines(assignments, dev.btrbot.domain.MemberId::value);
    }

    static List<String> lines(List<Assignment> assignments, java.util.function.Function<dev.btrbot.domain.MemberId, String> name) {
        return RoleName.DEFAULTS.stream().map(role -> role + ": " + assignments.stream()
                .filter(a -> a.role().equals(role) && a.live()).findFirst()
                .map(a -> name.apply(a.member()) + (a.holds() ? "" : " (offered, not yet accepted)")).orElse("nobody")).toList();
    }
}
