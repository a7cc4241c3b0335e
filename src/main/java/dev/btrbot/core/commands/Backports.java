package dev.btrbot.core.commands;

import dev.btrbot.core.Assessment;
import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Readiness;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.BackportCandidate;
import dev.btrbot.domain.BackportLabels;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.MissingBackport;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists a release's backport queue: pending first (oldest first), then those on the release branch with how they got
 * there, then the declined ones with who declined them and why; and the fixes its blockers name. With
 * {@code labels}, shows or (managers) sets the label patterns that ask for a backport.
 */
public final class Backports implements Command {
    private final Store store;
    private final Readiness readiness;

    public Backports(Store store, Readiness readiness) {
        this.store = store;
        this.readiness = readiness;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("backports").arg("release").keyword("labels").optionalArg("patterns");
    }

    @Override
    public String help() {
        return "Lists the changes asked for on the release branch: pending, on the branch (and how), declined (and why)."
                + " 'labels <pattern,…>' sets which pull-request labels ask for one (managers; <release> and <branch> are replaced).";
    }

    @Override
    public boolean changesState(Args args) {
        return args.has("labels") && args.word("patterns").isPresent();
    }

    @Override
    public Reply run(Call call, Args args) {
        if (args.has("labels")) {
            return labels(call, args.get("release"), args.word("patterns").orElse(null));
        }
        if (args.word("patterns").isPresent()) {
            throw new Refusal("Say 'labels' before the patterns: backports " + args.get("release") + " labels <pattern,…>.");
        }
        Release named = store.read(tx -> tx.releases().named(args.get("release")));
        Assessment a = readiness.assess(named.name(), call.actor(), null);
        Release release = a.release();
        var queue = a.backports();
        Instant now = call.now();
        String branch = release.branch().value();
        Reply.Builder reply = Reply.builder("Backports of " + release.name() + " — " + queue.pending().size() + " pending, "
                + queue.in(BackportCandidate.State.ON_BRANCH).size() + " on " + branch + ", "
                + queue.in(BackportCandidate.State.DECLINED).size() + " declined");
        int repos = release.repos().size();
        section(reply, "pending", queue.in(BackportCandidate.State.PENDING).stream().map(c -> line(c, now) + "; cherry-pick it (backport "
                + release.name() + " " + c.pr().argument(repos) + ") or decline it (backport " + release.name() + " decline "
                + c.pr().argument(repos) + " <reason>)").toList());
        section(reply, "on " + branch, queue.in(BackportCandidate.State.ON_BRANCH).stream()
                .map(c -> line(c, now) + " — " + c.landed().words()).toList());
        section(reply, "declined", queue.in(BackportCandidate.State.DECLINED).stream().map(c -> line(c, now) + " — declined by "
                + c.decline().by() + " " + Text.time(c.decline().at()) + ": " + c.decline().reason()).toList());
        List<String> fixes = blockerFixes(a);
        section(reply, "fixes of blockers", fixes);
        if (queue.candidates().isEmpty() && fixes.isEmpty()) {
            reply.line("", "None found ('sync " + release.name() + "' looks for them).");
        }
        BackportLabels labels = store.read(tx -> tx.backports().labels(release.name())).orElse(null);
        reply.line("labels", (labels == null ? BackportLabels.DEFAULT.shown() + " (the defaults)" : labels.shown())
                + " — and trailers Backport-To:/Affects: naming " + release.name() + " in commit messages");
        return reply.build();
    }

    private static void section(Reply.Builder reply, String heading, List<String> lines) {
        if (!lines.isEmpty()) {
            reply.section(heading + " (" + lines.size() + ")", lines);
        }
    }

    static String line(BackportCandidate c, Instant now) {
        return c.named() + (c.author() == null ? "" : " by " + c.author()) + ", " + c.age(now) + " (" + c.foundBy() + "; "
                + c.mergeSha().shortId() + ")";
    }

    /** Each fix a blocker names, missing or on the branch (the gate's existing rule). */
    private static List<String> blockerFixes(Assessment a) {
        List<String> lines = new ArrayList<>();
        for (Blocker b : a.blockers()) {
            for (Blocker.FixCommit f : b.fixes()) {
                MissingBackport missing = a.missingBackports().stream()
                        .filter(m -> m.blockerNumber() == b.number() && m.fix().equals(f.sha()) && m.repo().equals(f.repo()))
                        .findFirst().orElse(null);
                String state = b.waived() ? "blocker waived" : missing != null ? missing.problem() : "on the branch";
                lines.add("blocker #" + b.number() + " " + b.title() + ": fix " + f.sha().shortId() + " in " + f.repo().name() + " — " + state);
            }
        }
        return lines;
    }

    private Reply labels(Call call, String releaseName, String patterns) {
        if (patterns == null) {
            return store.read(tx -> {
                Release release = tx.releases().named(releaseName);
                BackportLabels labels = tx.backports().labels(release.name()).orElse(BackportLabels.DEFAULT);
                return Reply.text("Backport labels of " + release.name(), labels.shown(),
                        "Labels: " + String.join(", ", labels.labelsFor(release.name(), release.branch())));
            });
        }
        BackportLabels labels = BackportLabels.parse(patterns);
        return store.write(tx -> {
            Release release = tx.releases().open(releaseName);
            call.rights().requireManager(tx, release.name(), call.actor(), "set backport labels");
            String before = tx.backports().labels(release.name()).orElse(BackportLabels.DEFAULT).shown();
            tx.backports().setLabels(release.name(), labels);
            call.audit(tx, release.name(), "backport.labels", before + " → " + labels.shown());
            return Reply.text("Backport labels of " + release.name() + " set", labels.shown(),
                    "Labels: " + String.join(", ", labels.labelsFor(release.name(), release.branch())),
                    "'sync " + release.name() + "' looks for them now.");
        });
    }
}
