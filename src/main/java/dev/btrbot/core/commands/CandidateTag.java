package dev.btrbot.core.commands;

import dev.btrbot.core.Assessment;
import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Readiness;
import dev.btrbot.core.Reply;
import dev.btrbot.core.SignOffButtons;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RoleName;
import dev.btrbot.domain.TagRun;

/**
 * Pushes a release-candidate tag on the current candidate so that testers can
 * install one name across every repository. One rc per candidate; numbered.
 */
public final class CandidateTag implements Command {
    private final Store store;
    private final Readiness readiness;
    private final TagRunner tagRunner;

    public CandidateTag(Store store, Readiness readiness, TagRunner tagRunner) {
        this.store = store;
        this.readiness = readiness;
        this.tagRunner = tagRunner;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("candidate tag").arg("release");
    }

    @Override
    public String help() {
        return "Pushes a release-candidate tag (e.g. koa.2rc1) on the current candidate for testers to install.";
    }

    @Override
    public Reply run(Call call, Args args) {
        ReleaseName name = store.read(tx -> {
            ReleaseName n = tx.releases().named(args.get("release")).name();
            call.rights().requireRoleOrManager(tx, n, RoleName.TAGGER, call.actor(), "push release-candidate tags");
            return n;
        });
        Assessment a = readiness.assess(name, call.actor(), null);
        if (!a.release().state().isActive()) {
            throw new Refusal(name + " is " + a.release().state().label() + ": no more release candidates.");
        }
        if (a.candidate() == null) {
            throw new Refusal("No candidate to tag: " + a.candidateProblem());
        }
        if (a.rcTag().isPresent()) {
            throw new Refusal(a.rcTag().get() + " marks candidate " + a.candidate().shortId() + " already: testers install that.");
        }
        // every rc run takes a new number, whatever became of it: a run cut off half-way may have left rcN on some
        // repositories, and reusing its name on other commits could never succeed
        int n = (int) a.tagRuns().stream().filter(r -> r.kind() == TagRun.Kind.RC).count() + 1;
        GitRefName rc = a.release().rcTag(n);
        TagRunner.Outcome outcome = tagRunner.run(call, a, TagRun.Kind.RC, rc,
                "Release candidate " + n + " of " + name + " (candidate " + a.candidate().shortId() + ")");
        Reply r = TagRunner.outcomeReply("Release candidate " + rc, outcome);
        if (!outcome.succeeded()) {
            return r;
        }
        return TagRunner.continued(r)
                .line("testers", "Install " + rc + " (candidate " + a.candidate().shortId() + "), then: signoff " + name
                        + " pass|fail --rc " + rc + " --env \"<where you installed>\" [notes]")
                .actions(SignOffButtons.of(name, a.candidate())).build();
    }
}
