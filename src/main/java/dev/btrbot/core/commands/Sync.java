package dev.btrbot.core.commands;

import dev.btrbot.core.BackportTracker;
import dev.btrbot.core.BlockerSync;
import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import java.util.ArrayList;
import java.util.List;

/**
 * Anyone may refresh a release's blockers from GitHub now; one sync per release runs at a time. Where the bot tracks
 * backports, the same sync refreshes the release's backport queue, also when its blockers are not synced from GitHub.
 */
public final class Sync implements Command {
    private final BlockerSync blockerSync;
    private final Store store;
    private final BackportTracker backports;

    public Sync(BlockerSync blockerSync) {
        this(blockerSync, null, null);
    }

    /** @param backports refreshes the backport queue too; null: blockers only */
    public Sync(BlockerSync blockerSync, Store store, BackportTracker backports) {
        this.blockerSync = blockerSync;
        this.store = store;
        this.backports = backports;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("sync").arg("release");
    }

    @Override
    public String help() {
        return "Refreshes the release's blockers from its GitHub milestone/label now (fix commits included), and its backport queue.";
    }

    @Override
    public Reply run(Call call, Args args) {
        ReleaseName name = new ReleaseName(args.get("release"));
        if (backports == null) {
            return blockers(blockerSync.sync(name, call.actor()));
        }
        Release release = store.read(tx -> tx.releases().named(name.value()));
        Reply.Builder reply;
        List<String> lines = new ArrayList<>();
        try {
            BlockerSync.Outcome o = blockerSync.sync(name, call.actor());
            if (o.failed()) {
                lines.add("GitHub sync of " + o.release() + " failed: " + o.error() + " The stored blockers are unchanged.");
            } else {
                lines.addAll(blockerLines(o));
            }
            reply = Reply.builder(o.failed() ? "Synced the backports of " + name : "Synced " + name + " from GitHub");
        } catch (Refusal notSynced) {
            lines.add("Blockers: " + notSynced.getMessage());
            reply = Reply.builder("Synced the backports of " + name);
        }
        if (release.state().isActive() && !release.repos().isEmpty()) {
            BackportTracker.Outcome b = backports.refresh(release, call.actor());
            lines.add("Backports: " + BackportTracker.describe(b) + " 'backports " + name + "' lists them.");
            b.problems().forEach(p -> lines.add("⚠ " + p));
        }
        return reply.section("", lines).build();
    }

    private static Reply blockers(BlockerSync.Outcome o) {
        if (o.failed()) {
            return Reply.error("GitHub sync of " + o.release() + " failed: " + o.error() + " The stored blockers are unchanged.", null);
        }
        return Reply.builder("Synced " + o.release() + " from GitHub").section("", blockerLines(o)).build();
    }

    private static List<String> blockerLines(BlockerSync.Outcome o) {
        List<String> lines = new ArrayList<>();
        lines.add(o.changes().isEmpty() ? "Nothing changed (" + o.issues() + " issues)." : String.join(", ", o.changes()) + ".");
        o.problems().forEach(p -> lines.add("⚠ " + p));
        lines.add("'blockers " + o.release() + "' lists them.");
        return lines;
    }
}
