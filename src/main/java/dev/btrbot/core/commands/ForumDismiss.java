package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.ForumReport;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.RoleName;

/** Triage: a forum report does not block the release, for a reason on the record (triage holder or managers). */
public final class ForumDismiss implements Command {
    private final Store store;

    public ForumDismiss(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("forum dismiss").arg("release").arg("report").requiredRest("reason");
    }

    @Override
    public String help() {
        return "Triages a forum report: dismisses it, with a reason (triage role, release manager or admin).";
    }

    @Override
    public Reply run(Call call, Args args) {
        String reason = String.join(" ", args.rest("reason")).strip();
        if (reason.isEmpty() || reason.length() > 200) {
            throw new Refusal("A reason has 1 to 200 characters.");
        }
        return store.write(tx -> {
            Release release = tx.releases().open(args.get("release"));
            ForumReport report = ForumReportRef.untriaged(tx, release.name(), args.get("report"));
            call.rights().requireRoleOrManager(tx, release.name(), RoleName.TRIAGE, call.actor(), "triage forum reports");
            tx.forum().triage(release.name(), report.number(), ForumReport.State.DISMISSED, call.actor(), call.now(), reason, null);
            call.audit(tx, release.name(), "forum.dismiss", "forum report #" + report.number() + " " + report.url() + ": " + reason);
            return Reply.text(report.label() + " of " + release.name() + " is dismissed", report.title() + " — " + report.url(),
                    "reason: " + reason);
        });
    }
}
