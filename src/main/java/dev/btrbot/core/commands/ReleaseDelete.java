package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseState;
import dev.btrbot.domain.TagRun;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Mends a typo: a release cancelled before any tag was pushed is removed, so its name can be used again. Only
 * admins may; the audit log keeps its history and records the deletion.
 */
public final class ReleaseDelete implements Command {
    private final Store store;

    public ReleaseDelete(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("release delete").arg("name");
    }

    @Override
    public String help() {
        return "Deletes a cancelled release that never pushed a tag, so its name can be reused (admins; the audit log is kept).";
    }

    @Override
    public Reply run(Call call, Args args) {
        call.rights().requireAdmin(call.actor(), "delete a release");
        Deleted deleted = store.write(tx -> {
            Release r = tx.releases().named(args.get("name"));
            if (r.state() != ReleaseState.CANCELLED) {
                throw new Refusal(r.name() + " is " + r.state().label() + ": only a cancelled release can be deleted ('release cancel "
                        + r.name() + "' first).");
            }
            for (TagRun run : tx.tagRuns().forRelease(r.name())) {
                // failed and interrupted runs left no repository carrying their tag; the others did, or may have
                if (run.state() != TagRun.State.FAILED && run.state() != TagRun.State.INTERRUPTED) {
                    throw new Refusal(r.name() + (run.state() == TagRun.State.SUCCEEDED ? " pushed the tag " : " may have pushed the tag ")
                            + run.tagName() + " (" + run.state().label() + "): a release whose tags are out there stays on the record.");
                }
            }
            Map<String, Integer> rows = tx.releases().delete(r.name());
            call.audit(tx, r.name(), "release.delete", "was cancelled; removed " + describe(rows));
            return new Deleted(r.name(), rows);
        });
        return Reply.text("Deleted " + deleted.name(), "Removed " + describe(deleted.rows())
                + ". Its audit log is kept ('audit " + deleted.name() + "'); the name can be used again.");
    }

    private record Deleted(ReleaseName name, Map<String, Integer> rows) {
    }

    private static String describe(Map<String, Integer> rows) {
        return rows.isEmpty() ? "nothing else" : rows.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }
}
