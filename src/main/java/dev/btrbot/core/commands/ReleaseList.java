package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Release;
import java.util.List;

public final class ReleaseList implements Command {
    private final Store store;

    public ReleaseList(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("release list");
    }

    /** Reads only. */
    @Override
    public boolean changesState(Args args) {
        return false;
    }

    @Override
    public String help() {
        return "Lists the releases and their states.";
    }

    @Override
    public Reply run(Call call, Args args) {
        List<Release> releases = store.read(tx -> tx.releases().all());
        if (releases.isEmpty()) {
            return Reply.text("No releases yet", "An admin creates one: release create <name> --branch B --repos org/name,…");
        }
        return Reply.builder("Releases").section("", releases.stream().map(r -> r.name() + " — " + r.state().label()
                + ", branch " + r.branch() + (r.target() == null ? "" : ", target " + r.target())).toList()).build();
    }
}
