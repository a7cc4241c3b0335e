package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Priority;
import dev.btrbot.domain.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Lists a release's blockers by priority, untriaged first, with age. */
public final class Blockers implements Command {
    private final Store store;

    public Blockers(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("blockers").arg("release").flag("--all");
    }

    /** Reads only. */
    @Override
    public boolean changesState(Args args) {
        return false;
    }

    @Override
    public String help() {
        return "Lists the open blockers by priority (--all adds resolved ones).";
    }

    @Override
    public Reply run(Call call, Args args) {
        boolean all = args.flag("--all");
        return store.read(tx -> {
            Release release = tx.releases().named(args.get("release"));
            List<Blocker> blockers = tx.blockers().forRelease(release.name()).stream().filter(b -> all || b.open()).toList();
            Reply.Builder reply = Reply.builder("Blockers of " + release.name());
            tx.syncState().find(release.name()).ifPresent(state -> reply.line("github", Status.syncLine(state, call.now())));
            if (blockers.isEmpty()) {
                return reply.line("", all ? "None." : "No open blockers.").build();
            }
            sections(reply, blockers, call.now());
            return reply.build();
        });
    }

    /** Groups blockers under headings: untriaged first, then by priority. */
    static void sections(Reply.Builder reply, List<Blocker> blockers, Instant now) {
        sections(reply, blockers, now, "");
    }

    /** The blockers by priority, untriaged first, each heading after {@code prefix} (status says "blockers — high (2)"). */
    static void sections(Reply.Builder reply, List<Blocker> blockers, Instant now, String prefix) {
        List<String> untriaged = blockers.stream().filter(Blocker::untriaged).map(b -> line(b, now)).toList();
        if (!untriaged.isEmpty()) {
            reply.section(prefix + "untriaged (" + untriaged.size() + ")", untriaged);
        }
        for (Priority p : Priority.values()) {
            List<String> lines = new ArrayList<>(blockers.stream().filter(b -> p == b.priority()).map(b -> line(b, now)).toList());
            if (!lines.isEmpty()) {
                reply.section(prefix + p.label() + " (" + lines.size() + ")", lines);
            }
        }
    }

    static String line(Blocker b, Instant now) {
        long days = Duration.between(b.since(), now).toDays();
        StringBuilder s = new StringBuilder("#" + b.number() + " ");
        if (b.issue() != null) {
            s.append(b.issue().repo()).append('#').append(b.issue().number()).append(' ');
        }
        s.append(b.title()).append(" — ").append(b.url()).append(" (").append(days).append("d old");
        if (b.untriaged()) {
            s.append(", untriaged");
        }
        if (b.issue() != null) {
            s.append(b.issue().assignees().isEmpty() ? ", unassigned"
                    : ", assigned to " + String.join(", ", b.issue().assignees().stream().map(a -> "@" + a).toList()));
        }
        if (!b.open()) {
            s.append(", resolved");
        }
        if (b.waived()) {
            s.append(", waived by ").append(b.waiver().by()).append(": ").append(b.waiver().reason());
        }
        if (!b.fixes().isEmpty()) {
            s.append(", fix ").append(String.join(", ", b.fixes().stream().map(f -> f.repo().name() + "@" + f.sha().shortId()).toList()));
        }
        return s.append(')').toString();
    }
}
