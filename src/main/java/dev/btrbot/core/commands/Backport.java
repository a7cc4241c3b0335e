package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.domain.Refusal;
import java.util.List;

/**
 * {@code backport <release> <pr>} cherry-picks a pull request onto the release branch ({@link BackportPick});
 * {@code backport <release> decline <pr> <reason…>} takes it out of the queue with a reason ({@link BackportDecline}).
 * One command word, as the design names both, so the gate's advice ("backport koa.2 6213 or backport koa.2 decline 6213
 * …") is exactly what to type.
 */
public final class Backport implements Command {
    private final BackportPick pick;
    private final BackportDecline decline;

    public Backport(BackportPick pick, BackportDecline decline) {
        this.pick = pick;
        this.decline = decline;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("backport").arg("release").arg("pr").rest("decline-reason");
    }

    @Override
    public String help() {
        return "Cherry-picks a merged pull request (123, <repo>#123, org/repo#123 or its URL) onto backport/<release>/<pr> and opens"
                + " a pull request for it, a conflict reported with the commands to do it by hand (triage, managers); or"
                + " 'backport <release> decline <pr> <reason>' takes a pending backport out of the gate (managers).";
    }

    @Override
    public Reply run(Call call, Args args) {
        String release = args.get("release");
        String pr = args.get("pr");
        List<String> more = args.rest("decline-reason");
        if (pr.equalsIgnoreCase("decline")) {
            if (more.isEmpty()) {
                throw new Refusal("Say which pull request to decline and why: backport " + release + " decline <pr> <reason>.");
            }
            return decline.decline(call, release, more.get(0), String.join(" ", more.subList(1, more.size())));
        }
        if (!more.isEmpty()) {
            throw new Refusal("backport takes one pull request (backport " + release + " <pr>), or 'decline <pr> <reason>'.");
        }
        return pick.run(call, release, pr);
    }
}
