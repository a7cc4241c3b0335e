package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.ForumRepo;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.ForumReport;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Lists a release's forum reports: the untriaged ones (every one with --all), with their threads and replies. */
public final class ForumReports implements Command {
    private final Store store;

    public ForumReports(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("forum reports").arg("release").flag("--all");
    }

    /** Reads only. */
    @Override
    public boolean changesState(Args args) {
        return false;
    }

    @Override
    public String help() {
        return "Lists the release's untriaged forum reports (--all adds the triaged ones, with what became of them).";
    }

    @Override
    public Reply run(Call call, Args args) {
        boolean all = args.flag("--all");
        return store.read(tx -> {
            Release release = tx.releases().named(args.get("release"));
            List<ForumReport> reports = tx.forum().reports(release.name());
            List<ForumReport> shown = reports.stream().filter(r -> all || r.untriaged()).toList();
            Reply.Builder reply = Reply.builder("Forum reports of " + release.name());
            ForumRepo.Cursor cursor = tx.forum().cursor();
            if (cursor.attemptedAt() != null) {
                reply.line("forum", forumLine(cursor, call.now(), true));
            }
            if (shown.isEmpty()) {
                long triaged = reports.size();
                return reply.line("", all || triaged == 0 ? "None." : "None untriaged (" + triaged + " triaged: --all lists them).")
                        .build();
            }
            for (ForumReport r : shown) {
                reply.section("#" + r.number() + " " + r.outcome(), lines(r));
            }
            if (!all && shown.size() < reports.size()) {
                reply.line("", (reports.size() - shown.size()) + " triaged ('forum reports " + release.name() + " --all' lists them).");
            }
            return reply.build();
        });
    }

    private static List<String> lines(ForumReport r) {
        List<String> lines = new ArrayList<>();
        lines.add(r.title() + " — " + r.url());
        lines.add("by " + r.author() + ", " + Text.time(r.createdAt()) + (r.replies() == 0 ? "; no replies"
                : "; " + Text.plural(r.replies(), "reply", "replies") + ", the last " + Text.time(r.lastReplyAt()) + " by "
                + r.lastReplyBy()));
        if (!r.excerpt().isEmpty()) {
            lines.add("“" + r.excerpt() + "”");
        }
        if (r.issueUrl() != null) {
            lines.add("issue: " + r.issueUrl());
        }
        if (!r.untriaged()) {
            lines.add("triaged by " + r.triagedBy().value() + ", " + Text.time(r.triagedAt()));
        }
        return lines;
    }

    /**
     * "forum read 5 min ago", or that the forum is unreachable and since when, as {@code status} says it of GitHub.
     *
     * @param withError whether to say what the forum answered (not in a public view)
     */
    public static String forumLine(ForumRepo.Cursor c, Instant now, boolean withError) {
        String read = c.polledAt() == null ? "the forum was never read" : "the forum was read " + Status.ago(c.polledAt(), now);
        if (c.unreachableSince() != null) {
            return "forum unreachable since " + Text.time(c.unreachableSince()) + (withError && c.lastError() != null
                    ? " (" + c.lastError() + ")" : "") + "; " + read + ".";
        }
        return read + ".";
    }
}
