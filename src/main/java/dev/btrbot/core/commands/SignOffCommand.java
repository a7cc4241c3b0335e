package dev.btrbot.core.commands;

import dev.btrbot.core.Assessment;
import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Readiness;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.SignOff;
import dev.btrbot.domain.Verdict;

/**
 * A verdict from the speaking member, bound to the candidate that is current
 * when it is recorded. With {@code --candidate} (what buttons send) it is
 * refused when the branch moved since the prompt was shown.
 */
public final class SignOffCommand implements Command {
    @Override
    public Syntax syntax() {
        return Syntax.of("signoff").arg("release").choice("verdict", "pass|fail").option("--env", "E")
                .option("--candidate", "ID").rest("notes");
    }

    @Override
    public String help() {
        return "Records that you installed the current candidate and it passed or failed (--env says where).";
    }

    @Override
    public Reply run(Call call, Args args) {
        ReleaseName name = new ReleaseName(args.get("release"));
        Verdict verdict = Verdict.parse(args.get("verdict"));
        String env = args.option("--env").map(String::strip).orElse("");
        String notes = String.join(" ", args.rest("notes")).strip();
        Assessment now = new Readiness(call.services()).assess(name, call.actor(), null);
        Release release = now.release();
        if (!release.state().isActive()) {
            throw new Refusal(name + " is " + release.state().label() + ": sign-offs are closed.");
        }
        Candidate candidate = now.candidate();
        if (candidate == null) {
            throw new Refusal("Cannot sign off: " + now.candidateProblem());
        }
        args.option("--candidate").ifPresent(shown -> {
            if (shown.length() < 7 || !candidate.id().startsWith(shown)) {
                throw new Refusal("The candidate moved since this prompt (now " + candidate.shortId()
                        + "): install the new one and sign off again; nothing was recorded.");
            }
        });
        String rc = now.rcTag().orElse(null);
        SignOff signOff = new SignOff(name, candidate.id(), call.actor(), verdict, env, notes, rc, call.now());
        boolean replaced = call.services().store().write(tx -> {
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
                "Counts only while the candidate stays " + candidate.shortId() + ".");
    }
}
