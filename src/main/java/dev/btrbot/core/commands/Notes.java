package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Json;
import dev.btrbot.core.NotesDrafts;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.Change;
import dev.btrbot.domain.CherryPick;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseNotes;
import dev.btrbot.domain.RoleName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code notes <release> [--from TAG] [--json]} drafts the release notes of
 * the candidate (saying which); {@code notes <release> approve} records that
 * the notes-reviewer (or a release manager) approved them for exactly the
 * current candidate, audited: a new candidate needs a new approval.
 */
public final class Notes implements Command {
    /** A chat reply shows at most this many lines of the Markdown; --json has it all. */
    static final int CHAT_LINES = 200;

    private final Store store;
    private final NotesDrafts drafts;
    private final dev.btrbot.core.Checklists checklists;

    public Notes(Store store, NotesDrafts drafts, dev.btrbot.core.Checklists checklists) {
        this.store = store;
        this.drafts = drafts;
        this.checklists = checklists;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("notes").arg("release").keyword("approve").option("--from", "TAG").flag("--json");
    }

    @Override
    public String help() {
        return "Drafts the release notes of the candidate from the previous release's tag (--from TAG to name it); "
                + "'approve' approves them for this candidate (notes-reviewer or release manager).";
    }

    @Override
    public boolean changesState(Args args) {
        return args.has("approve");
    }

    /** Approving the notes is what the checklist's "release notes reviewed" item asks: it is ticked too, once, audited. */
    private void tickNotesReviewed(dev.btrbot.core.port.StoreTx tx, Release release, Call call, Candidate candidate) {
        if (!release.state().isActive()) {
            return;
        }
        for (dev.btrbot.domain.ChecklistItem item : checklists.ensure(tx, release, call.actor(), call.now())) {
            if (item.id().equals(dev.btrbot.domain.ChecklistTemplate.NOTES_REVIEWED) && item.open()) {
                String note = "notes approved for candidate " + candidate.shortId();
                tx.checklists().tick(release.name(), item.id(), new dev.btrbot.domain.ChecklistItem.Tick(call.actor(), call.now(), note));
                call.audit(tx, release.name(), "checklist.check", item.id() + ": " + item.text() + ", notes: " + note);
            }
        }
    }

    @Override
    public Reply run(Call call, Args args) {
        Release release = store.read(tx -> tx.releases().named(args.get("release")));
        if (args.has("approve")) {
            if (args.option("--from").isPresent() || args.flag("--json")) {
                throw new Refusal("notes " + release.name() + " approve takes no options.");
            }
            store.read(tx -> {
                call.rights().requireRoleOrManager(tx, release.name(), RoleName.NOTES_REVIEWER, call.actor(), "approve the release notes");
                return null;
            });
            Candidate candidate = drafts.candidate(release, call.actor());
            boolean fresh = store.write(tx -> {
                call.rights().requireRoleOrManager(tx, release.name(), RoleName.NOTES_REVIEWER, call.actor(), "approve the release notes");
                boolean first = tx.notesApprovals().approve(release.name(), candidate.id(), call.actor(), call.now());
                if (first) {
                    call.audit(tx, release.name(), "notes.approve", "release notes approved for candidate " + candidate.shortId());
                    tickNotesReviewed(tx, release, call, candidate);
                }
                return first;
            });
            if (!fresh) {
                var earlier = store.read(tx -> tx.notesApprovals().find(release.name(), candidate.id())).orElseThrow();
                return Reply.text("The notes of " + release.name() + " for candidate " + candidate.shortId() + " were approved already",
                        "by " + earlier.by() + " at " + earlier.at() + ".");
            }
            return Reply.text("Release notes of " + release.name() + " approved for candidate " + candidate.shortId(),
                    "A new candidate (the branch moving) needs a new approval.");
        }
        GitRefName from = args.option("--from").map(GitRefName::new).orElse(null);
        Candidate candidate = drafts.candidate(release, call.actor());
        NotesDrafts.Result result = drafts.draft(release, candidate, from);
        ReleaseNotes.Draft draft = result.draft();
        boolean approved = store.read(tx -> tx.notesApprovals().find(release.name(), candidate.id())).isPresent();
        if (args.flag("--json")) {
            return Reply.json("Release notes of " + release.name(), Json.write(json(draft, approved, result.notes())));
        }
        List<String> lines = new ArrayList<>();
        lines.add("Candidate " + candidate.shortId() + (release.state().isActive() ? " (the current one)" : " (the one tagged)")
                + ": " + draft.summary() + (approved ? "; approved." : "; not approved yet (notes " + release.name() + " approve)."));
        result.notes().forEach(lines::add);
        if (draft.fellBack()) {
            lines.add("The notes are over GitHub's " + ReleaseNotes.GITHUB_BODY_LIMIT + "-character limit: compare links stand in for the entries.");
        }
        List<String> md = draft.markdown().lines().toList();
        List<String> shown = new ArrayList<>(md.subList(0, Math.min(md.size(), CHAT_LINES)));
        if (md.size() > CHAT_LINES) {
            shown.add("… " + (md.size() - CHAT_LINES) + " more lines (notes " + release.name() + " --json has them all).");
        }
        return Reply.builder("Release notes of " + release.name()).section("", lines).section("Markdown", shown).build();
    }

    private static Map<String, Object> json(ReleaseNotes.Draft d, boolean approved, List<String> notes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("release", d.release().value());
        m.put("candidate", d.candidateId());
        m.put("approved", approved);
        m.put("summary", d.counts());
        List<Object> repos = new ArrayList<>();
        for (ReleaseNotes.RepoSection s : d.repos()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("repo", s.changes().repo().shown());
            r.put("from", s.changes().fromTag());
            r.put("fromChosen", s.changes().tagChosen());
            r.put("to", s.changes().to().value());
            r.put("compare", s.changes().compareLink());
            Map<String, Object> categories = new LinkedHashMap<>();
            s.byCategory().forEach((t, list) -> categories.put(t, list.stream().map(Notes::entry).toList()));
            r.put("categories", categories);
            List<Object> picks = new ArrayList<>();
            for (CherryPick p : s.picks()) {
                Map<String, Object> e = entry(p.original());
                e.put("picked", p.picked().value());
                e.put("foundBy", p.how().label());
                picks.add(e);
            }
            r.put("cherryPicks", picks);
            repos.add(r);
        }
        m.put("repos", repos);
        m.put("blockersFixed", d.blockersFixed().stream().map(b -> Map.of("number", b.number(), "title", b.title(), "url", b.url())).toList());
        m.put("contributors", d.contributors());
        m.put("fellBackToCompareLinks", d.fellBack());
        m.put("notes", notes);
        m.put("markdown", d.markdown());
        return m;
    }

    private static Map<String, Object> entry(Change c) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("pr", c.pr() > 0 ? c.pr() : null);
        e.put("title", c.title());
        e.put("author", c.author());
        e.put("labels", c.labels());
        e.put("sha", c.sha().value());
        return e;
    }
}
