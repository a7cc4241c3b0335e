package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.BackportCheck;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.StoreTx;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.RoleName;
import dev.btrbot.domain.Sha;
import java.util.List;

/**
 * Links a blocker to the commit that fixes it, so the gate checks the fix is
 * on the release branch. Anyone may link one; the commit must exist: the
 * backport check's copy of the repository is asked, and a sha none of its
 * branches has is refused (a repository that cannot be read is said so, and
 * the link taken unchecked). A blocker lists at most {@value Blocker#MAX_FIXES}
 * fixes. {@code remove} unlinks one; since that can open the gate, it is for
 * the release's triage and managers.
 */
public final class BlockerFix implements Command {
    private final Store store;
    private final BackportCheck backports;

    public BlockerFix(Store store, BackportCheck backports) {
        this.store = store;
        this.backports = backports;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("blocker fix").arg("release").arg("blocker").keyword("remove").arg("repo").arg("sha");
    }

    @Override
    public String help() {
        return "Links a fix commit (full sha, usually on master) to a blocker; the gate requires it on the release branch."
                + " 'remove' unlinks one (triage, managers).";
    }

    @Override
    public Reply run(Call call, Args args) {
        Sha sha = new Sha(args.get("sha"));
        return args.has("remove") ? remove(call, args, sha) : add(call, args, sha);
    }

    private Reply add(Call call, Args args, Sha sha) {
        // refused before git is asked anything
        Release release = store.read(tx -> {
            Release r = tx.releases().open(args.get("release"));
            linkable(tx, r, args, sha);
            return r;
        });
        RepoRef repo = release.repo(args.get("repo"));
        String unchecked = verify(call, release, repo, sha);
        return store.write(tx -> {
            Blocker blocker = linkable(tx, release, args, sha);
            if (!tx.blockers().addFix(release.name(), blocker.number(), new Blocker.FixCommit(repo, sha))) {
                throw new Refusal("Blocker #" + blocker.number() + " lists fix " + sha.shortId() + " already.");
            }
            call.audit(tx, release.name(), "blocker.fix", "#" + blocker.number() + " fixed by " + repo.name() + "@" + sha
                    + (unchecked == null ? "" : " (unchecked: " + repo.name() + " could not be read)"));
            Reply.Builder reply = Reply.builder("Blocker #" + blocker.number() + " is fixed by " + repo.name() + "@" + sha.shortId())
                    .line("", "The gate stays shut until that fix is on " + release.branch() + " (status " + release.name() + " checks it).");
            return unchecked == null ? reply.build() : reply.line("warning", unchecked).build();
        });
    }

    /** The blocker, when one more fix may be linked to it. */
    private static Blocker linkable(StoreTx tx, Release release, Args args, Sha sha) {
        Blocker blocker = BlockerRef.find(tx, release.name(), args.get("blocker"));
        RepoRef repo = release.repo(args.get("repo"));
        if (blocker.fixes().contains(new Blocker.FixCommit(repo, sha))) {
            throw new Refusal("Blocker #" + blocker.number() + " lists fix " + sha.shortId() + " already.");
        }
        if (blocker.fixes().size() >= Blocker.MAX_FIXES) {
            throw new Refusal("Blocker #" + blocker.number() + " lists " + Blocker.MAX_FIXES + " fixes, the most a blocker may have:"
                    + " remove one first (blocker fix " + release.name() + " " + blocker.number() + " remove <repo> <sha>).");
        }
        return blocker;
    }

    /**
     * Refuses a sha the repository does not have.
     *
     * @return null when the commit was found; a warning when the repository could not be read
     */
    private String verify(Call call, Release release, RepoRef repo, Sha sha) {
        BackportCheck.Containment found;
        try {
            found = backports.check(repo, release.branch(), List.of(sha)).get(sha);
        } catch (Unavailable e) {
            return repo.name() + " could not be read to check that commit (" + e.getMessage() + "), so it is linked unchecked;"
                    + " status reports it until it is found on " + release.branch() + ".";
        }
        if (found == null || found == BackportCheck.Containment.UNKNOWN_COMMIT) {
            throw new Refusal(sha.shortId() + " is not a commit of " + repo.name() + ": none of its branches has it."
                    + " Give the full sha of the fix as it is on the default branch.");
        }
        return null;
    }

    private Reply remove(Call call, Args args, Sha sha) {
        return store.write(tx -> {
            Release release = tx.releases().open(args.get("release"));
            call.rights().requireRoleOrManager(tx, release.name(), RoleName.TRIAGE, call.actor(), "remove a blocker's fix");
            Blocker blocker = BlockerRef.find(tx, release.name(), args.get("blocker"));
            RepoRef repo = release.repo(args.get("repo"));
            if (!tx.blockers().removeFix(release.name(), blocker.number(), new Blocker.FixCommit(repo, sha))) {
                throw new Refusal("Blocker #" + blocker.number() + " lists no fix " + sha.shortId() + " in " + repo.name() + ".");
            }
            call.audit(tx, release.name(), "blocker.fix.remove", "#" + blocker.number() + " no longer fixed by " + repo.name() + "@" + sha);
            return Reply.text("Blocker #" + blocker.number() + " no longer lists fix " + repo.name() + "@" + sha.shortId(),
                    "The gate no longer looks for it on " + release.branch() + ".");
        });
    }
}
