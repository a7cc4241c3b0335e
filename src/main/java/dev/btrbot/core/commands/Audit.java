package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Json;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Text;
import dev.btrbot.domain.AuditEvent;
import dev.btrbot.domain.Release;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The release's decisions, oldest first; {@code --json} for export. */
public final class Audit implements Command {
    private final Store store;

    public Audit(Store store) {
        this.store = store;
    }

    /** The record names exactly who did what: ids, never the names members choose. */
    @Override
    public boolean showsDisplayNames() {
        return false;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("audit").arg("release").flag("--json");
    }

    /** Reads only. */
    @Override
    public boolean changesState(Args args) {
        return false;
    }

    @Override
    public String help() {
        return "Shows the release's audit log: who did what, when, on which candidate (--json to export).";
    }

    @Override
    public Reply run(Call call, Args args) {
        return store.read(tx -> {
            Release release = tx.releases().named(args.get("release"));
            List<AuditEvent> events = tx.audit().forRelease(release.name());
            if (args.flag("--json")) {
                return Reply.json("Audit log of " + release.name(), Json.write(ordered("release", release.name().value(),
                        "events", events.stream().map(Audit::asMap).toList())));
            }
            return Reply.builder("Audit log of " + release.name() + " (" + events.size() + " events)").section("", events.stream()
                    .map(e -> Text.time(e.at()) + "  " + e.actor() + "  " + e.action() + "  " + e.details()).toList()).build();
        });
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static Map<String, Object> asMap(AuditEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", e.at().toString());
        m.put("actor", e.actor().value());
        m.put("action", e.action());
        m.put("details", e.details());
        return m;
    }
}
