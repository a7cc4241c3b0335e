package dev.btrbot.core.commands;

import dev.btrbot.core.BlockerSync;
import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.domain.ReleaseName;
import java.util.ArrayList;
import java.util.List;

/** Anyone may refresh a release's blockers from GitHub now; one sync per release runs at a time. */
public final class Sync implements Command {
    private final BlockerSync blockerSync;

    public Sync(BlockerSync blockerSync) {
        this.blockerSync = blockerSync;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("sync").arg("release");
    }

    @Override
    public String help() {
        return "Refreshes the release's blockers from its GitHub milestone/label now (fix commits included).";
    }

    @Override
    public Reply run(Call call, Args args) {
        BlockerSync.Outcome o = blockerSync.sync(new ReleaseName(args.get("release")), call.actor());
        if (o.failed()) {
            return Reply.error("GitHub sync of " + o.release() + " failed: " + o.error() + " The stored blockers are unchanged.", null);
        }
        List<String> lines = new ArrayList<>();
        lines.add(o.changes().isEmpty() ? "Nothing changed (" + o.issues() + " issues)." : String.join(", ", o.changes()) + ".");
        o.problems().forEach(p -> lines.add("⚠ " + p));
        lines.add("'blockers " + o.release() + "' lists them.");
        return Reply.builder("Synced " + o.release() + " from GitHub").section("", lines).build();
    }
}
