package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.BackportCandidate;
import dev.btrbot.domain.PullRequestRef;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;

/**
 * A release manager may decline a backport candidate with a reason: it stops keeping the gate shut, and the
 * reason stays visible in {@code backports} and the audit log. A change that is on the branch already, or declined,
 * is refused.
 */
public final class BackportDecline implements Command {
    static final int MAX_REASON = 500;

    private final Store store;

    public BackportDecline(Store store) {
        this.store = store;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("backport decline").arg("release").arg("pr").requiredRest("reason");
    }

    @Override
    public String help() {
        return "Declines a pending backport with a reason, so it no longer keeps the gate shut (release manager or admin);"
                + " <pr> is 123 (one repository), <repo>#123, org/repo#123 or the pull request's URL.";
    }

    @Override
    public Reply run(Call call, Args args) {
        return decline(call, args.get("release"), args.get("pr"), String.join(" ", args.rest("reason")));
    }

    /** {@code backport <release> decline <pr> <reason>}: the same, whichever words led here. */
    public Reply decline(Call call, String releaseName, String prText, String reasonText) {
        String reason = reasonText == null ? "" : reasonText.strip();
        if (reason.isEmpty()) {
            throw new Refusal("Say why the backport is declined.");
        }
        if (reason.length() > MAX_REASON) {
            throw new Refusal("A reason has at most " + MAX_REASON + " characters (this one has " + reason.length() + ").");
        }
        return store.write(tx -> {
            Release release = tx.releases().open(releaseName);
            PullRequestRef pr = PullRequestRef.parse(prText, release.repos());
            call.rights().requireManager(tx, release.name(), call.actor(), "decline backports");
            BackportCandidate c = tx.backports().find(release.name(), pr).orElseThrow(() -> new Refusal(pr.shown()
                    + " is not in the backport queue of " + release.name() + " ('backports " + release.name() + "' lists it)."));
            switch (c.state()) {
                case DECLINED -> throw new Refusal(pr.shown() + " is declined already by " + c.decline().by() + ": " + c.decline().reason());
                case ON_BRANCH -> throw new Refusal(pr.shown() + " is on " + release.branch() + " already (" + c.landed().words() + ").");
                default -> { }
            }
            tx.backports().decline(release.name(), pr, new BackportCandidate.Decline(call.actor(), reason, call.now()));
            call.audit(tx, release.name(), "backport.decline", pr.shown() + " '" + c.title() + "': " + reason);
            return Reply.text("Backport " + pr.shown() + " of " + release.name() + " is declined", c.title() + " — " + reason);
        });
    }
}
