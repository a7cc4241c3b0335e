package dev.btrbot.core;

import dev.btrbot.core.port.NotesSource;
import dev.btrbot.core.port.PullFacts;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.StoreTx;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.Change;
import dev.btrbot.domain.CherryPick;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.NotesCategories;
import dev.btrbot.domain.PreviousTags;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseNotes;
import dev.btrbot.domain.RepoChanges;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.TagRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drafts a candidate's release notes: git says what each repository brings
 * since the previous release's tag (given, or found and named — never guessed
 * silently: a repository without one stops the draft and asks for
 * {@code --from}), GitHub adds pull requests' titles, labels and authors where
 * it can, the store adds the blockers fixed, and {@link ReleaseNotes} writes
 * them. Reads git and GitHub outside any transaction.
 */
public final class NotesDrafts {
    private final Store store;
    private final Readiness readiness;
    private final NotesSource git;
    private final PullFacts github;
    private final NotesCategories categories;

    public NotesDrafts(Store store, Readiness readiness, NotesSource git, PullFacts github, NotesCategories categories) {
        this.store = store;
        this.readiness = readiness;
        this.git = git;
        this.github = github;
        this.categories = categories;
    }

    /** A draft, and what the reader should know of how it was made (GitHub not asked, say). */
    public record Result(ReleaseNotes.Draft draft, Candidate candidate, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    /**
     * The candidate whose notes are meant: the current one of an active release (its branch heads read now), the
     * tagged one of a tagged or announced release.
     */
    public Candidate candidate(Release release, MemberId actor) {
        if (release.state().isActive()) {
            if (release.repos().isEmpty()) {
                throw new Refusal(release.name() + " lists no repositories yet: there are no notes to draft.");
            }
            try {
                return readiness.observe(release, actor);
            } catch (Unavailable e) {
                throw new Refusal("The candidate of " + release.name() + " cannot be read: " + e.getMessage());
            }
        }
        return store.read(tx -> tagged(tx, release))
                .orElseThrow(() -> new Refusal(release.name() + " is " + release.state().label() + " and was never tagged: no notes."));
    }

    /** @param fromTag the previous release's tag for every repository, or null to find it per repository */
    public Result draft(Release release, Candidate candidate, GitRefName fromTag) {
        PreviousTags search = PreviousTags.of(release);
        List<RepoChanges> repos = new ArrayList<>();
        List<String> noTag = new ArrayList<>();
        List<String> found = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (RepoHead head : candidate.heads()) {
            RepoChanges rc;
            try {
                rc = git.changes(head.repo(), head.sha(), fromTag == null ? null : fromTag.value(), search);
            } catch (NotesSource.NoPreviousTag e) {
                noTag.add(e.getMessage());
                continue;
            } catch (Unavailable e) {
                throw new Refusal("The notes cannot be drafted: " + e.getMessage());
            }
            found.add(head.repo().name() + " from " + rc.fromTag());
            repos.add(enrich(rc, notes));
        }
        if (!noTag.isEmpty()) {
            throw new Refusal("No previous release tag found, so no notes were drafted: " + String.join("; ", noTag)
                    + (found.isEmpty() ? "" : " (found: " + String.join(", ", found) + ")") + ". Name it: notes " + release.name()
                    + " --from TAG.");
        }
        List<Blocker> fixed = store.read(tx -> tx.blockers().forRelease(release.name())).stream()
                .filter(b -> !b.open() && !b.waived()).toList();
        return new Result(ReleaseNotes.draft(release.name(), candidate, repos, categories, fixed), candidate, notes);
    }

    private RepoChanges enrich(RepoChanges rc, List<String> notes) {
        if (!github.covers(rc.repo())) {
            return rc;
        }
        try {
            List<Change> changes = github.enrich(rc.repo(), rc.changes());
            List<Change> originals = github.enrich(rc.repo(), rc.picks().stream().map(CherryPick::original).toList());
            List<CherryPick> picks = new ArrayList<>();
            for (int i = 0; i < rc.picks().size(); i++) {
                CherryPick p = rc.picks().get(i);
                picks.add(new CherryPick(originals.get(i), p.picked(), p.how()));
            }
            return rc.with(changes, picks);
        } catch (Unavailable e) {
            notes.add("GitHub could not be asked about " + rc.repo().name() + " (" + e.getMessage() + "): its entries are as git tells them.");
            return rc;
        }
    }

    /** The candidate a release was tagged on (its successful final tag run), when it was. */
    public static Optional<Candidate> tagged(StoreTx tx, Release release) {
        return tx.tagRuns().forRelease(release.name()).stream()
                .filter(r -> r.kind() == TagRun.Kind.FINAL && r.state() == TagRun.State.SUCCEEDED).findFirst()
                .flatMap(r -> tx.candidates().find(release.name(), r.candidateId()));
    }
}
