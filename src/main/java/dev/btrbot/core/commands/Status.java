package dev.btrbot.core.commands;

import dev.btrbot.core.Assessment;
import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Json;
import dev.btrbot.core.Readiness;
import dev.btrbot.core.Recovery;
import dev.btrbot.core.Reply;
import dev.btrbot.core.SignOffButtons;
import dev.btrbot.core.TagRuns;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Text;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.SignOff;
import dev.btrbot.domain.TagCheck;
import dev.btrbot.domain.TagRun;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a release stands: gate, candidate, sign-offs, blockers, roles, holds,
 * tag runs. {@code --stored} shows it from the store alone, as of when its
 * newest candidate was first seen: no git, no GitHub, nothing written.
 * {@code --redacted} (with {@code --stored}) is what a page anyone may load
 * shows: members by display name (their id where none is known), and no
 * channel, no sign-off notes, no error texts, no undelivered posts.
 */
public final class Status implements Command {
    private final Store store;
    private final Readiness readiness;
    private final Recovery recovery;
    private final TagRuns tagRuns;
    private final java.util.function.Function<ReleaseName, java.util.Optional<String>> pages;

    public Status(Store store, Readiness readiness, Recovery recovery, TagRuns tagRuns,
                  java.util.function.Function<ReleaseName, java.util.Optional<String>> pages) {
        this.pages = pages;
        this.store = store;
        this.readiness = readiness;
        this.recovery = recovery;
        this.tagRuns = tagRuns;
    }

    /** How members are named, and whether what only members should see is left out. */
    record View(boolean redacted, Function<MemberId, String> name) {
        static final View FULL = new View(false, MemberId::value);

        /** Display names from the store, else ids. */
        static View redacted(Store store) {
            Map<MemberId, String> names = store.read(tx -> tx.members().displayNames());
            return new View(true, m -> names.getOrDefault(m, m.value()));
        }
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("status").arg("release").flag("--json").flag("--public").flag("--stored").flag("--redacted");
    }

    /** Reads only. */
    @Override
    public boolean changesState(Args args) {
        return false;
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
        if (args.flag("--redacted") && !stored) {
            throw new Refusal("--redacted is a view of the stored data: add --stored.");
        }
        View view = args.flag("--redacted") ? View.redacted(store) : View.FULL;
        // a run whose bot died and whose command has ended shows as what the repositories carry, not as running
        List<String> settled = stored ? List.of() : recovery.settleCutOffTagRuns();
        Assessment a = stored ? readiness.assessStored(name, view.name()) : readiness.assess(name, call.actor(), null);
        // a release recorded as tagged: does every repository still carry the tag on its signed commit?
        List<TagCheck> tagNow = stored || a.finalTag().isEmpty() || a.candidate() == null ? null
                : tagRuns.verify(new GitRefName(a.finalTag().get().tagName()), a.candidate());
        if (args.flag("--json")) {
            var forum = StatusJson.ForumJson.of(a.forumReports(), store.read(tx -> tx.forum().cursor()), view.redacted());
            return Reply.json("Status of " + a.release().name(), Json.write(StatusJson.of(a, stored, view, tagNow).withForum(forum)));
        }
        Reply reply = render(a, call, stored, view, tagNow);
        Reply.Visibility shown = args.flag("--public") ? Reply.Visibility.CHANNEL : Reply.Visibility.ASKER;
        if (settled.isEmpty()) {
            return reply.visibleTo(shown);
        }
        List<Reply.Section> sections = new ArrayList<>(List.of(new Reply.Section("tag runs settled now", settled)));
        sections.addAll(reply.sections());
        return new Reply(reply.kind(), reply.title(), sections, reply.actions(), null, shown);
    }

    /**
     * "blockers refreshed 5 min ago", or that GitHub is unreachable and the blockers shown are the stored ones,
     * or that its last answer was partial and the blockers it left out are shown as stored.
     */
    static String syncLine(dev.btrbot.core.port.SyncStateRepo.SyncState s, java.time.Instant now) {
        return syncLine(s, now, true);
    }

    /** @param withError whether to say what GitHub answered (not in a public view) */
    static String syncLine(dev.btrbot.core.port.SyncStateRepo.SyncState s, java.time.Instant now, boolean withError) {
        String refreshed = s.refreshedAt() == null ? "blockers never refreshed from GitHub"
                : "blockers refreshed " + ago(s.refreshedAt(), now);
        if (s.unreachableSince() != null) {
            return "GitHub unreachable since " + s.unreachableSince() + (withError ? " (" + s.lastError() + ")" : "")
                    + ": showing stored data; " + refreshed + ".";
        }
        if (s.partialAt() != null) {
            return "GitHub returned a partial result at " + s.partialAt() + ": blockers it did not list are shown as stored"
                    + " (none closed for being missing) until a sync gets a complete one; " + refreshed + ".";
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

    /**
     * @param stored the assessment is {@link Readiness#assessStored}'s: say as of when, and offer no buttons
     * @param view   how members are named, and what a public view leaves out
     * @param tagNow a tagged release's tag as the repositories carry it now; null when not read
     */
    private Reply render(Assessment a, Call call, boolean stored, View view, List<TagCheck> tagNow) {
        Function<MemberId, String> name = view.name();
        var r = a.release();
        String target = "";
        if (r.target() != null) {
            long days = ChronoUnit.DAYS.between(LocalDate.ofInstant(call.now(), ZoneOffset.UTC), r.target());
            target = " · target " + r.target() + " (" + (days >= 0 ? "in " + days + " days" : -days + " days ago") + ")";
        }
        boolean tagGone = tagNow != null && !tagNow.stream().allMatch(TagCheck::carried);
        Reply.Builder b = Reply.builder(r.name() + " — " + r.state().label() + (tagGone ? " — BUT A TAG IS MISSING" : "") + target);
        if (tagGone) {
            TagRun tagged = a.finalTag().orElseThrow();
            List<String> lines = new ArrayList<>();
            lines.add("Recorded tagged (run " + tagged.id() + ", " + tagged.endedAt() + "), but the repositories disagree now:");
            tagNow.stream().filter(t -> !t.carried()).forEach(t -> lines.add("❌ " + t.describe(tagged.tagName())));
            lines.add("Put the tag back on the signed commit (from a clone that has the tag: git push <url> "
                    + "refs/tags/" + tagged.tagName() + "), and find out who removed or moved it.");
            b.section("⚠ TAG MISSING", lines);
        }
        if (!view.redacted()) {
            pages.apply(r.name()).ifPresent(url -> b.line("dashboard", url));
        }
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
            signOffs.add((s.verdict() == dev.btrbot.domain.Verdict.PASS ? "✅ " : "❌ ") + name.apply(s.member()) + " "
                    + s.verdict().label() + (s.environment().isEmpty() ? "" : " — " + s.environment())
                    + (s.notes().isEmpty() || view.redacted() ? "" : " — " + s.notes()));
        }
        for (SignOff s : a.staleSignOffs()) {
            signOffs.add("(stale) " + name.apply(s.member()) + " " + s.verdict().label() + " on older candidate "
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
            b.line("github", syncLine(a.sync(), call.now(), !view.redacted()));
        }
        forum(b, a, call, view);
        a.missingBackports().forEach(m -> b.line("missing backport", m.describe()));
        String backports = a.backports().summary(call.now());
        if (backports != null) {
            b.line("backports", backports + " ('backports " + r.name() + "' lists them)");
        }
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
        if (!a.checklist().items().isEmpty()) {
            b.section("checklist (" + a.checklist().open().size() + " of " + a.checklist().items().size() + " open)",
                    dev.btrbot.core.Checklists.lines(a.checklist(), name, !view.redacted()));
        }
        b.section("roles", Roles.lines(a.assignments(), name));
        a.holds().forEach(h -> b.line("hold", name.apply(h.member()) + ": " + h.reason()));
        List<String> lost = view.redacted() ? List.of() : undelivered(call, r.name());
        if (!lost.isEmpty()) {
            b.section("not delivered", lost);
        }
        a.tagRuns().stream().reduce((x, y) -> y).ifPresent((TagRun t) -> lastRun(b, t, name));
        if (c != null && r.state().isActive() && !stored && dev.btrbot.domain.ReleaseCandidates.signable(a.tagRuns(), c.id())) {
            b.actions(SignOffButtons.of(r.name(), c));
        }
        return b.build();
    }

    /** The forum watch: untriaged reports, and how old the forum's data is (or since when it is unreachable). */
    private void forum(Reply.Builder b, Assessment a, Call call, View view) {
        long untriaged = a.forumReports().stream().filter(dev.btrbot.domain.ForumReport::untriaged).count();
        if (untriaged > 0) {
            b.line("forum reports", untriaged + " untriaged ('forum reports " + a.release().name() + "' lists them)");
        }
        var cursor = store.read(tx -> tx.forum().cursor());
        if (cursor.attemptedAt() != null) {
            b.line("forum", ForumReports.forumLine(cursor, call.now(), !view.redacted()));
        }
    }

    /** The newest tag run; while it runs, its command's process; when partial, each repository and the repair. */
    private static void lastRun(Reply.Builder b, TagRun t, Function<MemberId, String> name) {
        String line = t.tagName() + " (" + t.kind().label() + ") " + t.state().label() + " — started " + Text.time(t.startedAt()) + " by "
                + name.apply(t.requester());
        if (t.state() == TagRun.State.RUNNING && t.launch() != null) {
            line += "; its command is " + t.launch();
        }
        if (t.state() != TagRun.State.PARTIAL) {
            b.line("last tag run", line);
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(line.replace(" partial — ", " PARTIAL — "));
        lines.addAll(TagRuns.repair(t, t.checks()));
        b.section("last tag run", lines);
    }

    /** Scheduled messages claimed over five minutes ago that never reached the chat. */
    private List<String> undelivered(Call call, ReleaseName release) {
        return store.read(tx -> tx.scheduledPosts()
                        .undelivered(release, call.now().minus(java.time.Duration.ofMinutes(5))))
                .stream().map(u -> u.kind() + " " + u.slot() + " (due " + u.claimedAt() + ") did not reach the chat"
                        + (u.kind().equals("summary") ? "; 'summary " + release + "' posts one now" : "")).toList();
    }
}
