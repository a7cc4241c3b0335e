package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.ForumReport;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.RoleName;

/** Triage: a forum report is about a blocker the release lists already (triage holder or managers). */
public final class ForumLink implements Command {
    private final Store store;

    public ForumLink(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("forum link").arg("release").arg("report").arg("blocker");
    }

    @Override
    public String help() {
        return "Triages a forum report: links it to an existing blocker (triage role, release manager or admin).";
    }

    @Override
    public Reply run(Call call, Args args) {
        return store.write(tx -> {
            Release release = tx.releases().open(args.get("release"));
            ForumReport report = ForumReportRef.untriaged(tx, release.name(), args.get("report"));
            Blocker blocker = BlockerRef.find(tx, release.name(), args.get("blocker"));
            call.rights().requireRoleOrManager(tx, release.name(), RoleName.TRIAGE, call.actor(), "triage forum reports");
            tx.forum().triage(release.name(), report.number(), ForumReport.State.LINKED, call.actor(), call.now(), null,
                    blocker.number());
            call.audit(tx, release.name(), "forum.link", "forum report #" + report.number() + " → blocker #" + blocker.number() + " "
                    + report.url());
            return Reply.text(report.label() + " of " + release.name() + " is linked to blocker #" + blocker.number(),
                    report.title() + " — " + report.url(), "blocker #" + blocker.number() + " (" + blocker.priorityLabel() + "): "
                            + blocker.title() + " — " + blocker.url());
        });
    }
}
