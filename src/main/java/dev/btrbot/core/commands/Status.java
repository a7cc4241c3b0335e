package dev.btrbot.core.commands;

import dev.btrbot.core.Assessment;
import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Json;
import dev.btrbot.core.Readiness;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.domain.Text;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.SignOff;
import dev.btrbot.domain.TagRun;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a release stands: gate, candidate, sign-offs, blockers, roles, holds,
 * tag runs. {@code --stored} shows it from the store alone, as of when its
 * newest candidate was first seen: no git, no GitHub, nothing written.
 */
public final class Status implements Command {
    @Override
    public Syntax syntax() {
        return Syntax.of("status").arg("release").flag("--json").flag("--public").flag("--stored");
    }

    @Override
    public String help() {
        return "Shows the gate, the current candidate, sign-offs, blockers and roles (--json for scripts; --stored: from the store"
                + " alone, without reading git or GitHub).";
    }

    @Override
    public Reply run(Call call, Args args) {
        ReleaseName name = new ReleaseName(args.get("release"));
        boolean stored = args.flag("--stored");
        Readiness readiness = new Readiness(call.services());
        Assessment a = stored ? readiness.assessStored(name) : readiness.assess(name, call.actor(), null);
        if (args.flag("--json")) {
            return Reply.json("Status of " + a.release().name(), Json.write(StatusJson.of(a, stored)));
        }
        return render(a, call, stored);
    }

    /** "blockers refreshed 5 min ago", or that GitHub is unreachable and the blockers shown are the stored ones. */
    static String syncLine(dev.btrbot.core.port.SyncStateRepo.SyncState s, java.time.Instant now) {
        String refreshed = s.refreshedAt() == null ? "blockers never refreshed from GitHub"
                : "blockers refreshed " + ago(s.refreshedAt(), now);
        if (s.unreachableSince() != null) {
            return "GitHub unreachable since " + s.unreachableSince() + " (" + s.lastError() + "): showing stored data; " + refreshed + ".";
        }
        return refreshed + (s.runningSince() != null ? "; a sync is running" : "") + ".";
    }

    static String ago(java.time.Instant then, java.time.Instant now) {
        long minutes = java.time.Duration.between(then, now).toMinutes();
        if (minutes < 1) {
            return "just now";
        }
        if (minutes < 120) {
            return minutes + " min ago";
        }
        long hours = minutes / 60;
        return hours < 48 ? hours + " h ago" : hours / 24 + " days ago";
    }

    static Reply render(Assessment a, Call call) {
        return render(a, call, false);
    }

    /** @param stored the assessment is {@link Readiness#assessStored}'s: say as of when, and offer no buttons */
    static Reply render(Assessment a, Call call, boolean stored) {
        var r = a.release();
        String target = "";
        if (r.target() != null) {
            long days = ChronoUnit.DAYS.between(LocalDate.ofInstant(call.now(), ZoneOffset.UTC), r.target());
            target = " · target " + r.target() + " (" + (days >= 0 ? "in " + days + " days" : -days + " days ago") + ")";
        }
        Reply.Builder b = Reply.builder(r.name() + " — " + r.state().label() + target);
        if (stored) {
            b.line("as of", a.candidate() == null ? "stored data; no candidate seen yet"
                    : Text.time(a.candidate().firstSeen()) + ", when the bot first saw this candidate (stored data; 'status " + r.name()
                    + "' reads the branches now)");
        }
        if (a.gate().open()) {
            b.line("gate", "GO: every condition holds; the tagger can run 'tag " + r.name() + " --confirm'.");
        } else if (r.state().isActive()) {
            List<String> lines = new ArrayList<>();
            lines.add("NO-GO: " + a.gate().unmet().size() + " unmet");
            a.gate().unmet().forEach(u -> lines.add("• " + u));
            b.section("gate", lines);
        }
        Candidate c = a.candidate();
        if (c == null) {
            b.line("candidate", a.candidateProblem());
        } else {
            List<String> lines = new ArrayList<>();
            lines.add(c.shortId() + " (first seen " + Text.time(c.firstSeen()) + ")" + a.rcTag().map(t -> " — install " + t).orElse(""));
            if (a.changedSinceLastSignOff()) {
                lines.add("The branch moved since the last sign-off: earlier sign-offs no longer count.");
            }
            c.heads().forEach(h -> lines.add(h.repo().name() + " @ " + h.sha().shortId()));
            b.section("candidate", lines);
        }
        List<String> signOffs = new ArrayList<>();
        for (SignOff s : a.currentSignOffs()) {
            signOffs.add((s.verdict() == dev.btrbot.domain.Verdict.PASS ? "✅ " : "❌ ") + s.member() + " " + s.verdict().label()
                    + (s.environment().isEmpty() ? "" : " — " + s.environment()) + (s.notes().isEmpty() ? "" : " — " + s.notes()));
        }
        for (SignOff s : a.staleSignOffs()) {
            signOffs.add("(stale) " + s.member() + " " + s.verdict().label() + " on older candidate "
                    + s.candidateId().substring(0, 10) + " — does not count");
        }
        b.section("sign-offs", signOffs.isEmpty() ? List.of("none yet") : signOffs);
        List<Blocker> open = a.blockers().stream().filter(Blocker::open).toList();
        if (open.isEmpty()) {
            b.line("blockers", "no open blockers");
        } else {
            Blockers.sections(b, open, call.now(), "blockers — ");
        }
        if (a.sync() != null) {
            b.line("github", syncLine(a.sync(), call.now()));
        }
        a.missingBackports().forEach(m -> b.line("missing backport", m.describe()));
        if (!r.policy().requiredChecks().isEmpty()) {
            List<String> lines = new ArrayList<>();
            if (a.checksProblem() != null) {
                lines.add("could not be read: " + a.checksProblem());
            }
            a.checks().forEach(ch -> lines.add((ch.succeeded() ? "✅ " : "❌ ") + ch.describe()));
            if (lines.isEmpty()) {
                lines.add(String.join(", ", r.policy().requiredChecks()) + " (no candidate to check)");
            }
            b.section("required checks", lines);
        }
        b.section("roles", Roles.lines(a.assignments()));
        a.holds().forEach(h -> b.line("hold", h.member() + ": " + h.reason()));
        List<String> lost = call.services().store().read(tx -> tx.scheduledPosts()
                        .undelivered(r.name(), call.now().minus(java.time.Duration.ofMinutes(5))))
                .stream().map(u -> u.kind() + " " + u.slot() + " (due " + u.claimedAt() + ") did not reach the chat"
                        + (u.kind().equals("summary") ? "; 'summary " + r.name() + "' posts one now" : "")).toList();
        if (!lost.isEmpty()) {
            b.section("not delivered", lost);
        }
        a.tagRuns().stream().reduce((x, y) -> y).ifPresent((TagRun t) -> b.line("last tag run",
                t.tagName() + " (" + t.kind().label() + ") " + t.state().label() + " — started " + Text.time(t.startedAt()) + " by " + t.requester()));
        if (c != null && r.state().isActive() && !stored && dev.btrbot.domain.ReleaseCandidates.signable(a.tagRuns(), c.id())) {
            b.action("signoff-pass", "Passed install", r.name() + "|" + c.id(), "signoff " + r.name() + " pass --candidate " + c.shortId());
            b.action("signoff-fail", "Failed install", r.name() + "|" + c.id(), "signoff " + r.name() + " fail --candidate " + c.shortId());
        }
        return b.build();
    }
}
