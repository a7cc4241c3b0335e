package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.ForumReplies;
import dev.btrbot.core.port.IssueTracker;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.ForumReport;
import dev.btrbot.domain.Priority;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.RoleName;
import dev.btrbot.domain.Text;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Triage: a forum report becomes a blocker at the priority given, linking the thread (triage holder or managers).
 * With an issue repository configured, it is also filed there as an issue (the release's milestone and label, linking
 * the thread), the blocker then lives at the issue (so the GitHub sync keeps it, and the issue links the thread), and,
 * when the bot may post on the forum, the thread is told where the issue is. Either failing is said in the reply and
 * the audit log; the blocker stays.
 */
public final class ForumBlocker implements Command {
    private final Store store;
    private final IssueTracker tracker;
    private final String issueRepo;
    private final ForumReplies replies;

    /**
     * @param issueRepo {@code org/repo} the issue is filed in; null to file none
     * @param replies   posts on the forum; null when the bot may not
     */
    public ForumBlocker(Store store, IssueTracker tracker, String issueRepo, ForumReplies replies) {
        this.store = store;
        this.tracker = tracker;
        this.issueRepo = issueRepo;
        this.replies = replies;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("forum blocker").arg("release").arg("report").choice("priority", "critical|high|medium|low");
    }

    @Override
    public String help() {
        return "Triages a forum report: makes it a blocker at that priority, linking the thread (triage role, release manager or admin).";
    }

    private record Made(Release release, ForumReport report, Blocker blocker) {
    }

    @Override
    public Reply run(Call call, Args args) {
        Priority priority = Priority.parse(args.get("priority"));
        Made made = store.write(tx -> {
            Release release = tx.releases().open(args.get("release"));
            ForumReport report = ForumReportRef.untriaged(tx, release.name(), args.get("report"));
            call.rights().requireRoleOrManager(tx, release.name(), RoleName.TRIAGE, call.actor(), "triage forum reports");
            if (tx.blockers().forRelease(release.name()).stream().anyMatch(b -> b.url().equals(report.url()))) {
                throw new Refusal(release.name() + " lists " + report.url() + " as a blocker already: link the report to it (forum link "
                        + release.name() + " " + report.number() + " <blocker>).");
            }
            LocalDate reported = LocalDate.ofInstant(report.createdAt(), ZoneOffset.UTC);
            Blocker b = tx.blockers().add(release.name(), report.url(), Text.clip200(report.title()), priority, reported,
                    Blocker.Origin.MANUAL, call.now());
            tx.forum().triage(release.name(), report.number(), ForumReport.State.BLOCKER, call.actor(), call.now(), null, b.number());
            call.audit(tx, release.name(), "forum.blocker", "forum report #" + report.number() + " → blocker #" + b.number() + " "
                    + priority.label() + " " + report.url() + " — " + report.title());
            return new Made(release, report, b);
        });
        List<String> lines = new ArrayList<>(List.of(made.blocker().title() + " — " + made.report().url()));
        if (issueRepo != null) {
            lines.addAll(fileIssue(call, made));
        }
        return Reply.text(made.report().label() + " of " + made.release().name() + " is blocker #" + made.blocker().number() + " ("
                + priority.label() + ")", lines.toArray(String[]::new));
    }

    /** Files the issue and tells the thread; each failure is a line of the reply and an audit event, never an undo. */
    private List<String> fileIssue(Call call, Made made) {
        Release release = made.release();
        ForumReport report = made.report();
        String body = "Reported on the forum by " + report.author() + " (" + Text.time(report.createdAt()) + "): " + report.url()
                + "\n\n> " + report.excerpt().replace("\n", "\n> ") + "\n\nFiled by btr-bot as blocker #" + made.blocker().number()
                + " of " + release.name() + " (" + made.blocker().priorityLabel() + ").";
        String issue;
        try {
            issue = tracker.open(issueRepo, made.blocker().title(), body, release.milestone(),
                    release.label() == null ? List.of() : List.of(release.label()));
        } catch (Unavailable e) {
            store.write(tx -> {
                call.audit(tx, release.name(), "forum.issue-failed", "forum report #" + report.number() + ": " + e.getMessage());
                return null;
            });
            return List.of("⚠ The issue was not opened in " + issueRepo + ": " + e.getMessage() + " The blocker stays, linking the"
                    + " thread; open the issue by hand.");
        }
        store.write(tx -> {
            tx.blockers().relink(release.name(), made.blocker().number(), issue);
            tx.forum().setIssue(release.name(), report.number(), issue);
            call.audit(tx, release.name(), "forum.issue", "forum report #" + report.number() + " → " + issue);
            return null;
        });
        List<String> lines = new ArrayList<>(List.of("Opened " + issue + " (it links the thread); the blocker now lives there."));
        if (replies == null) {
            return lines;
        }
        try {
            replies.reply(report.topicId(), "Thanks for the report. It is tracked as " + issue + " and blocks " + release.name()
                    + " until it is fixed.");
            lines.add("Replied on the thread with the issue's link.");
        } catch (Unavailable e) {
            store.write(tx -> {
                call.audit(tx, release.name(), "forum.reply-failed", "forum report #" + report.number() + ": " + e.getMessage());
                return null;
            });
            lines.add("⚠ Could not reply on the thread: " + e.getMessage() + " Tell the reporter by hand where the issue is.");
        }
        return lines;
    }
}
