package dev.btrbot.core.commands;

import dev.btrbot.core.Assessment;
import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Readiness;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseCandidates;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.SignOff;
import dev.btrbot.domain.TagRun;
import dev.btrbot.domain.Text;
import dev.btrbot.domain.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * A verdict from the speaking member, bound to the candidate that is current
 * when it is recorded. With {@code --candidate} (what buttons send) it is
 * refused when the branch moved since the prompt was shown.
 */
public final class SignOffCommand implements Command {
    private final Store store;
    private final Readiness readiness;

    public SignOffCommand(Store store, Readiness readiness) {
        this.store = store;
        this.readiness = readiness;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("signoff").arg("release").choice("verdict", "pass|fail").option("--env", "E")
                .option("--rc", "TAG").option("--candidate", "ID").rest("notes");
    }

    @Override
    public String help() {
        return "Records that you installed a release candidate (--rc names it; default the latest) and it passed or failed"
                + " (--env says where); refused when the branch moved since.";
    }

    @Override
    public Reply run(Call call, Args args) {
        ReleaseName name = new ReleaseName(args.get("release"));
        Verdict verdict = Verdict.parse(args.get("verdict"));
        String env = args.option("--env").map(String::strip).orElse("");
        String notes = String.join(" ", args.rest("notes")).strip();
        if (args.option("--rc").isPresent() && args.option("--candidate").isPresent()) {
            throw new Refusal("Say what you installed with --rc or with --candidate, not both.");
        }
        // refused before anything is read from git or stored
        args.option("--rc").map(String::strip).ifPresent(rc -> store.read(tx ->
                pushedRc(ReleaseCandidates.pushed(tx.tagRuns().forRelease(tx.releases().named(name.value()).name())), rc, name)));
        Assessment now = readiness.assess(name, call.actor(), null);
        Release release = now.release();
        if (!release.state().isActive()) {
            throw new Refusal(name + " is " + release.state().label() + ": sign-offs are closed.");
        }
        Candidate candidate = now.candidate();
        if (candidate == null) {
            throw new Refusal("Cannot sign off: " + now.candidateProblem());
        }
        String rc = installed(args, now, candidate);
        SignOff signOff = new SignOff(name, candidate.id(), call.actor(), verdict, env, notes, rc, call.now());
        boolean replaced = store.write(tx -> {
            boolean had = tx.signOffs().forRelease(name).stream().anyMatch(s -> s.isOn(candidate) && s.member().equals(call.actor()));
            tx.signOffs().put(signOff);
            if (release.state() == dev.btrbot.domain.ReleaseState.PLANNING) {
                tx.releases().setState(name, dev.btrbot.domain.ReleaseState.TESTING);
            }
            call.audit(tx, name, "signoff." + verdict.label(), "candidate " + candidate.shortId() + (rc == null ? "" : " (" + rc + ")")
                    + (env.isEmpty() ? "" : ", env: " + env) + (notes.isEmpty() ? "" : ", notes: " + notes)
                    + (had ? " (replaces the earlier vote)" : ""));
            return had;
        });
        return Reply.text(call.actor() + " signed off " + verdict.label() + " on " + name + " candidate " + candidate.shortId()
                        + (rc == null ? "" : " (" + rc + ")") + (replaced ? ", replacing the earlier vote" : ""),
                "That is " + String.join(", ", candidate.heads().stream().map(h -> h.repo().name() + "@" + h.sha().shortId()).toList())
                        + "; it counts only while the candidate stays " + candidate.shortId() + ".");
    }

    /**
     * What the member says they installed, bound to the current candidate or
     * refused. A sign-off names a release candidate when there is one: the
     * one given with --rc, else the latest. When the branch moved since that
     * rc, what testers installed is not what would be tagged, and the vote is
     * refused rather than bound to commits nobody installed. --candidate (sent
     * by buttons) names the candidate the prompt showed. With no rc pushed yet,
     * the vote is on the branch heads as they are now, which the reply lists.
     *
     * @return the rc tag the vote names, or null when there is none
     */
    private static String installed(Args args, Assessment now, Candidate candidate) {
        Optional<String> rc = args.option("--rc").map(String::strip);
        Optional<String> shown = args.option("--candidate");
        String name = now.release().name().value();
        List<TagRun> rcs = ReleaseCandidates.pushed(now.tagRuns());
        String currentRc = now.rcTag().map(t -> "install " + t).orElse("ask the tagger for a new release candidate (candidate tag "
                + name + ")");
        if (shown.isPresent()) {
            if (shown.get().length() < 7 || !candidate.id().startsWith(shown.get())) {
                throw new Refusal("The candidate moved since this prompt (now " + candidate.shortId() + "): " + currentRc
                        + " and sign off again; nothing was recorded.");
            }
            if (!ReleaseCandidates.signable(now.tagRuns(), candidate.id())) {
                throw new Refusal("No release candidate marks candidate " + candidate.shortId() + " (the latest, "
                        + rcs.get(rcs.size() - 1).tagName() + ", is on older commits): testers cannot have installed it. "
                        + "Ask the tagger for a new release candidate (candidate tag " + name + "); nothing was recorded.");
            }
            return now.rcTag().orElse(null);
        }
        TagRun named;
        if (rc.isPresent()) {
            named = pushedRc(rcs, rc.get(), now.release().name());
        } else if (!rcs.isEmpty()) {
            named = rcs.get(rcs.size() - 1);
        } else {
            return null;
        }
        if (!named.candidateId().equals(candidate.id())) {
            throw new Refusal(named.tagName() + " is not what would be tagged: the branch moved since it was pushed (now candidate "
                    + candidate.shortId() + "). " + Character.toUpperCase(currentRc.charAt(0)) + currentRc.substring(1)
                    + ", then sign off; nothing was recorded.");
        }
        return named.tagName();
    }

    /** The rc of that name, or the refusal that names the latest one. */
    private static TagRun pushedRc(List<TagRun> rcs, String rc, ReleaseName release) {
        return rcs.stream().filter(r -> r.tagName().equals(rc)).findFirst()
                .orElseThrow(() -> new Refusal("No release candidate '" + Text.clip(rc) + "' was pushed for " + release
                        + (rcs.isEmpty() ? " yet." : " (the latest is " + rcs.get(rcs.size() - 1).tagName() + ").")));
    }
}
