package dev.btrbot.core.commands;

import dev.btrbot.core.Call;
import dev.btrbot.core.Command;
import dev.btrbot.core.Reply;
import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.AnnouncementRepo;
import dev.btrbot.core.Chat;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseState;
import dev.btrbot.domain.RoleName;

/**
 * After a successful tag, the announcer posts the announcement the tag run
 * recorded; once. The claim is committed before posting, so two announcers
 * never both post; a post the platform refuses gives the claim back.
 */
public final class Announce implements Command {
    private final Store store;
    private final Chat chat;

    public Announce(Store store, Chat chat) {
        this.store = store;
        this.chat = chat;
    }

    @Override
    public Syntax syntax() {
        return Syntax.of("announce").arg("release");
    }

    @Override
    public String help() {
        return "Posts the release announcement after a successful tag (announcer or release manager).";
    }

    @Override
    public Reply run(Call call, Args args) {
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
        Reply message = Reply.builder("Announcement: " + claimed.getKey().name()).section("", claimed.getValue().text().lines().toList()).build();
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
        return Reply.text("Announced " + claimed.getKey().name() + (claimed.getKey().channel() == null ? "" : " in " + claimed.getKey().channel()),
                claimed.getValue().text().lines().findFirst().orElse(""));
    }
}
