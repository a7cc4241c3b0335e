package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;

/** Links a blocker to the commit that fixes it, so the gate checks the fix is on the release branch. */
public final class BlockerFix implements Command {
    @Override
    public Syntax syntax() {
        return Syntax.of("blocker fix").arg("release").arg("blocker").arg("repo").arg("sha");
    }

    @Override
    public String help() {
        return "Links a fix commit (full sha, usually on master) to a blocker; the gate requires it on the release branch.";
    }

    @Override
    public Reply run(Call call, Args args) {
        Sha sha = new Sha(args.get("sha"));
        return call.services().store().write(tx -> {
            Release release = Call.openRelease(tx, args.get("release"));
            Blocker blocker = BlockerRef.find(tx, release.name(), args.get("blocker"));
            RepoRef repo = release.repo(args.get("repo"));
            if (!tx.blockers().addFix(release.name(), blocker.number(), new Blocker.FixCommit(repo, sha))) {
                throw new Refusal("Blocker #" + blocker.number() + " lists fix " + sha.shortId() + " already.");
            }
            call.audit(tx, release.name(), "blocker.fix", "#" + blocker.number() + " fixed by " + repo.name() + "@" + sha);
            return Reply.text("Blocker #" + blocker.number() + " is fixed by " + repo.name() + "@" + sha.shortId(),
                    "The gate stays shut until that fix is on " + release.branch() + " (status " + release.name() + " checks it).");
        });
    }
}
