package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.NotesDrafts;
import dev.btrbot.core.port.GitHubReleases;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.NotesApproval;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseNotes;
import dev.btrbot.domain.RoleName;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code announce} does with the release notes before it posts: refuses
 * while notes-approval is before-announce and the tagged candidate's notes are
 * not approved; drafts them for the announcement's summary and links (quietly
 * without them when they cannot be drafted); with {@code --github-release},
 * creates each repository's GitHub release of the tag, which needs the notes
 * and a token.
 *
 * @param lines  what the announcement adds: the notes' summary, a link per repository
 * @param report what the announcer is told besides (each GitHub release created or found)
 */
record AnnounceNotes(List<String> lines, List<String> report) {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AnnounceNotes.class);

    static AnnounceNotes prepare(Store store, Call call, String releaseName, boolean githubRelease, NotesDrafts notes,
                                 GitHubReleases releases) {
        Release release = store.read(tx -> {
            Release r = tx.releases().named(releaseName);
            call.rights().requireRoleOrManager(tx, r.name(), RoleName.ANNOUNCER, call.actor(), "announce");
            tx.announcements().latest(r.name()).filter(a -> a.postedAt() != null).ifPresent(a -> {
                throw new Refusal(r.name() + " was announced already at " + a.postedAt() + ".");
            });
            return r;
        });
        Candidate tagged = store.read(tx -> NotesDrafts.tagged(tx, release)).orElse(null);
        if (tagged == null) {
            return new AnnounceNotes(List.of(), List.of()); // announce itself says there is no successful tag
        }
        if (release.policy().notesApproval() == NotesApproval.BEFORE_ANNOUNCE
                && store.read(tx -> tx.notesApprovals().find(release.name(), tagged.id())).isEmpty()) {
            throw new Refusal("The release notes of " + release.name() + " for candidate " + tagged.shortId() + " are not approved: "
                    + "notes " + release.name() + " approve (notes-reviewer or a release manager; notes-approval is before-announce).");
        }
        if (githubRelease && releases.unavailableBecause() != null) {
            throw new Refusal("No GitHub release can be created: " + releases.unavailableBecause());
        }
        ReleaseNotes.Draft draft;
        try {
            draft = notes.draft(release, tagged, null).draft();
        } catch (RuntimeException e) {
            // the announcement does not depend on the notes; the GitHub releases do
            if (githubRelease) {
                if (!(e instanceof Refusal)) {
                    LOG.warn("the notes of {} could not be drafted for its GitHub releases", release.name(), e);
                }
                throw new Refusal("The GitHub releases need the notes, which cannot be drafted: "
                        + (e instanceof Refusal ? e.getMessage() : "reading git failed (the log says why)."));
            }
            if (!(e instanceof Refusal)) {
                LOG.warn("the notes of {} could not be drafted for its announcement", release.name(), e);
            }
            return new AnnounceNotes(List.of(), List.of());
        }
        List<String> lines = new ArrayList<>();
        List<String> report = new ArrayList<>();
        lines.add(draft.summary() + ".");
        for (ReleaseNotes.RepoSection s : draft.repos()) {
            String link = s.changes().compareLink();
            if (githubRelease) {
                try {
                    GitHubReleases.Published p = releases.publish(s.changes().repo(), release.finalTag(),
                            release.name() + " (" + release.finalTag() + ")", draft.markdown());
                    link = p.url();
                    report.add((p.created() ? "GitHub release created for " : "A GitHub release of " + release.finalTag() + " existed already for ")
                            + s.changes().repo().name() + ": " + p.url());
                } catch (Unavailable e) {
                    report.add("No GitHub release for " + s.changes().repo().name() + ": " + e.getMessage());
                }
            }
            lines.add(s.changes().repo().name() + ": " + link);
        }
        return new AnnounceNotes(lines, report);
    }
}
