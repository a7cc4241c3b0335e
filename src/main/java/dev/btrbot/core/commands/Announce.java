package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.AnnouncementRepo;
import dev.btrbot.core.Chat;
import dev.btrbot.core.NotesDrafts;
import dev.btrbot.core.port.GitHubReleases;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseState;
import dev.btrbot.domain.RoleName;

/**
 * After a successful tag, the announcer posts the announcement the tag run
 * recorded; once. The claim is committed before posting, so two announcers
 * never both post; a post the platform refuses gives the claim back. With
 * notes-approval before-announce (the default) it waits for the release notes
 * of the tagged candidate to be approved; when the notes can be drafted, the
 * announcement carries their summary and links, and {@code --github-release}
 * first creates each repository's GitHub release of the tag with the notes as
 * its body (one that exists already is reported, not duplicated).
 */
public final class Announce implements Command {
    private final Store store;
    private final Chat chat;
    private final NotesDrafts notes;
    private final GitHubReleases releases;

    public Announce(Store store, Chat chat, NotesDrafts notes, GitHubReleases releases) {
        this.store = store;
        this.chat = chat;
        this.notes = notes;
        this.releases = releases;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("announce").arg("release").flag("--github-release");
    }

    @Override
    public String help() {
        return "Posts the release announcement after a successful tag (announcer or release manager); --github-release also "
                + "creates each repository's GitHub release with the notes.";
    }

    @Override
    public Reply run(Call call, Args args) {
        AnnounceNotes withNotes = AnnounceNotes.prepare(store, call, args.get("release"), args.flag("--github-release"), notes, releases);
        var claimed = store.write(tx -> {
            Release release = tx.releases().named(args.get("release"));
            call.rights().requireRoleOrManager(tx, release.name(), RoleName.ANNOUNCER, call.actor(), "announce");
            AnnouncementRepo.Announcement a = tx.announcements().latest(release.name())
                    .orElseThrow(() -> new Refusal(release.name() + " has no successful tag yet: nothing to announce."));
            if (a.postedAt() != null) {
                throw new Refusal(release.name() + " was announced already at " + a.postedAt() + ".");
            }
            tx.announcements().markPosted(a.id(), call.now());
            tx.releases().setState(release.name(), ReleaseState.ANNOUNCED);
            call.audit(tx, release.name(), "announce", a.text().lines().findFirst().orElse(""));
            return java.util.Map.entry(release, a);
        });
        Reply.Builder announcement = Reply.builder("Announcement: " + claimed.getKey().name())
                .section("", claimed.getValue().text().lines().toList());
        if (!withNotes.lines().isEmpty()) {
            announcement.section("Release notes", withNotes.lines());
        }
        Reply message = announcement.build();
        try {
            chat.post(claimed.getKey().channel(), message);
        } catch (RuntimeException e) {
            // the claim was committed first so that two announcers never both post; a post that failed gives it back
            String why = e instanceof Chat.Undelivered ? e.getMessage() : "the chat platform did not answer";
            store.write(tx -> {
                tx.announcements().markPosted(claimed.getValue().id(), null);
                tx.releases().setState(claimed.getKey().name(), ReleaseState.TAGGED);
                call.audit(tx, claimed.getKey().name(), "announce.failed", "the chat platform did not take the announcement");
                return null;
            });
            throw new Refusal("The announcement could not be posted (" + why + "); nothing was announced, try again.");
        }
        java.util.List<String> said = new java.util.ArrayList<>(java.util.List.of(claimed.getValue().text().lines().findFirst().orElse("")));
        said.addAll(withNotes.report());
        return Reply.text("Announced " + claimed.getKey().name() + (claimed.getKey().channel() == null ? "" : " in " + claimed.getKey().channel()),
                said.toArray(String[]::new));
    }
}
