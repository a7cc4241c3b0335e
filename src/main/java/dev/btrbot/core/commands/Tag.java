package dev.btrbot.core.commands;

import dev.btrbot.core.Assessment;
import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Readiness;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Text;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RoleName;
import dev.btrbot.domain.TagRun;
import dev.btrbot.domain.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Without {@code --confirm}: the plan (which tag on which sha in which repo)
 * and the gate. With it: runs the tag command on exactly the signed-off
 * candidate, only through an open gate. The plan's Tag button is bound to the
 * candidate it showed and to one attempt: once a run has ended, the same
 * confirmation (a click, a replayed request) runs nothing; the next run needs
 * a fresh plan.
 */
public final class Tag implements Command {
    private final Store store;
    private final Readiness readiness;
    private final TagRunner tagRunner;

    public Tag(Store store, Readiness readiness, TagRunner tagRunner) {
        this.store = store;
        this.readiness = readiness;
        this.tagRunner = tagRunner;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("tag").arg("release").flag("--confirm").option("--candidate", "ID").option("--attempt", "N");
    }

    /** The plan reads only; {@code --confirm} runs the tag command. */
    @Override
    public boolean changesState(Args args) {
        return args.flag("--confirm");
    }

    @Override
    public String help() {
        return "Shows the tag plan and the gate; --confirm tags the signed-off candidate (tagger or release manager).";
    }

    @Override
    public Reply run(Call call, Args args) {
        ReleaseName name = store.read(tx -> {
            ReleaseName n = tx.releases().named(args.get("release")).name();
            call.rights().requireRoleOrManager(tx, n, RoleName.TAGGER, call.actor(), "tag");
            return n;
        });
        Assessment a = readiness.assess(name, call.actor(), call.actor());
        if (a.finalTag().isPresent()) {
            throw new Refusal(name + " is tagged already (" + a.finalTag().get().tagName() + " on candidate "
                    + a.finalTag().get().candidateId().substring(0, 10) + ").");
        }
        GitRefName tag = a.release().finalTag();
        args.option("--candidate").ifPresent(shown -> {
            if (!shown.matches("[0-9a-f]{7,64}")) {
                throw new Refusal("'" + Text.clip(shown) + "' is not a candidate id (7 to 64 hex digits): 'tag " + name
                        + "' shows the current one; nothing was tagged.");
            }
            if (a.candidate() != null && a.candidate().id().startsWith(shown)) {
                return;
            }
            boolean known = store.read(tx -> tx.candidates().history(name)).stream()
                    .anyMatch(c -> c.id().startsWith(shown));
            String now = a.candidate() == null ? "" : " (now " + a.candidate().shortId() + ")";
            throw new Refusal((known ? "The candidate moved since this plan" + now
                    : name + " never had a candidate " + shown + now) + ": run 'tag " + name + "' to see the plan; nothing was tagged.");
        });
        int attempt = attempt(a);
        args.option("--attempt").ifPresent(given -> {
            if (!given.equals(Integer.toString(attempt))) {
                throw new Refusal("This confirmation was for attempt " + Text.clip(given) + " at tagging " + name
                        + ", but the next run is attempt " + attempt + ": a confirmation runs the tag command once. Run 'tag "
                        + name + "' for a fresh plan; nothing was tagged.");
            }
        });
        if (!a.gate().open()) {
            List<String> unmet = new ArrayList<>(a.gate().unmet());
            Reply.Builder b = Reply.builder("NO-GO: " + name + " cannot be tagged yet");
            b.section("unmet", unmet);
            if (a.candidate() != null) {
                b.section("plan (not run)", TagRunner.plan(tag, a.candidate()));
            }
            Reply r = b.build();
            return new Reply(Reply.Kind.ERROR, r.title(), r.sections(), List.of(), null);
        }
        if (!args.flag("--confirm")) {
            return Reply.builder("GO: " + name + " can be tagged " + tag)
                    .section("plan for candidate " + a.candidate().shortId(), TagRunner.plan(tag, a.candidate()))
                    .line("", "Signed off by " + TagRunner.testers(a) + ". Run 'tag " + name + " --confirm' to tag.")
                    .action(new Reply.Action(Reply.Intent.TAG, "Tag " + tag, "tag " + name + " --confirm --candidate " + a.candidate().shortId()
                            + " --attempt " + attempt, new Reply.Target(name, a.candidate().id()))).build();
        }
        TagRunner.Outcome outcome = tagRunner.run(call, a, TagRun.Kind.FINAL, tag,
                "Release " + name + " (candidate " + a.candidate().shortId() + ", signed off by " + TagRunner.testers(a) + ")",
                args.option("--attempt").isPresent() ? attempt : null);
        Reply r = TagRunner.outcomeReply("Tagging " + name + " as " + tag, outcome);
        if (outcome.succeeded()) {
            return TagRunner.continued(r)
                    .line("", "Next: announce " + name + " (announcer or release manager).").build();
        }
        return r;
    }

    /** The number the next final tag run of the release would have: one more than the runs made so far. */
    private static int attempt(Assessment a) {
        return (int) a.tagRuns().stream().filter(r -> r.kind() == TagRun.Kind.FINAL).count() + 1;
    }
}
