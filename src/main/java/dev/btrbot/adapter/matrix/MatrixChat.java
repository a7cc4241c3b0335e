package dev.btrbot.adapter.matrix;

import dev.btrbot.core.Reply;
import dev.btrbot.core.Chat;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Release;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot speaking in Matrix unasked: posts are {@code m.notice}s in the
 * release's room (by id or alias), updates are edits ({@code m.replace}), and
 * a member is told things in a {@link DirectRooms direct room} (a mention in
 * a release room would need a release, and would be public), unless that room
 * is encrypted.
 * Everything goes through the {@link MatrixSendQueue}, so nothing is posted twice.
 */
final class MatrixChat implements Chat {
    private static final Logger LOG = LoggerFactory.getLogger(MatrixChat.class);
    private static final String PENDING = "txn:";
    private static final String UNSENT = "unsent:";

    private final MatrixStore store;
    private final MatrixSendQueue sends;
    private final Rooms rooms;
    private final DirectRooms directRooms;
    private final ReleaseRooms releaseRooms;
    private final Clock clock;

    MatrixChat(MatrixStore store, MatrixSendQueue sends, Rooms rooms, DirectRooms directRooms, ReleaseRooms releaseRooms, Clock clock) {
        this.store = store;
        this.sends = sends;
        this.rooms = rooms;
        this.directRooms = directRooms;
        this.releaseRooms = releaseRooms;
        this.clock = clock;
    }

    /**
     * A post that is not out yet (the homeserver is unreachable) stays in the
     * send queue and goes out later; a room that cannot be resolved is logged, and
     * the command that posted carries on (its change is already recorded).
     */
    @Override
    public PostRef post(String channel, Reply message) {
        String room;
        try {
            room = rooms.roomId(channel);
        } catch (RuntimeException e) {
            LOG.warn("cannot post to {}: {}", channel, e.getMessage());
            return new PostRef(channel, UNSENT);
        }
        MatrixStore.Outgoing o = MatrixSendQueue.message(room, MatrixMessages.notice(message), MatrixMessages.actionsJson(message.actions()));
        return new PostRef(channel, sends.send(o).orElse(PENDING + o.txnId()));
    }

    @Override
    public void update(PostRef post, Reply message) {
        String original = post.id().startsWith(PENDING) ? store.eventOf(post.id().substring(PENDING.length())).orElse(null)
                : post.id().startsWith(UNSENT) ? null : post.id();
        if (original == null) {
            post(post.channel(), message);
            return;
        }
        String room = rooms.roomId(post.channel());
        sends.send(MatrixSendQueue.message(room, MatrixMessages.replacement(original, message), null));
    }

    /**
     * A direct room that is end-to-end encrypted is not written to: the message is undelivered, and the member is told
     * so once, in the room of the release the message is about (with a mention), so they know to look there.
     */
    @Override
    public void tell(MemberId member, Reply message) {
        String room;
        try {
            room = directRooms.roomFor(member.value());
        } catch (MatrixClient.Transient | MatrixClient.Rejected e) {
            LOG.warn("cannot open a direct room with {}: {}", member, e.getMessage());
            return;
        }
        if (directRooms.encrypted(member.value())) {
            tellInReleaseRoom(member.value(), message);
            throw new Undelivered("btr-bot cannot write to " + member + ": their direct room with it (" + room
                    + ") is end-to-end encrypted");
        }
        sends.send(MatrixSendQueue.message(room, MatrixMessages.notice(message), MatrixMessages.actionsJson(message.actions())));
    }

    private void tellInReleaseRoom(String member, Reply message) {
        Optional<Release> release = releaseRooms.of(message);
        if (release.isEmpty()) {
            LOG.info("{}'s direct room is encrypted, and '{}' names no release with a Matrix room to tell them in", member,
                    message.title());
            return;
        }
        String name = release.get().name().value();
        String room;
        try {
            room = rooms.roomId(release.get().channel());
        } catch (RuntimeException e) {
            LOG.warn("cannot tell {} in {}'s room {}: {}", member, name, release.get().channel(), e.getMessage());
            return;
        }
        String text = "btr-bot cannot write to you directly: your direct room with it is end-to-end encrypted, and btr-bot "
                + "does not do encryption. Role offers, reminders and notices meant for you are not delivered; see them here "
                + "with " + MatrixMessages.PREFIX + " roles " + name + " and " + MatrixMessages.PREFIX + " status " + name + ".";
        MatrixStore.Outgoing notice = MatrixSendQueue.message(room, MatrixMessages.mentioning(member, text), null);
        sends.storeAndSend(List.of(notice), () -> store.claimEncryptedDirectRoomNotice(member, notice, clock.instant()));
    }

    @Override
    public boolean reaches(String channel) {
        return Rooms.isRoom(channel);
    }

    @Override
    public boolean reaches(MemberId member) {
        return member.value().startsWith("@") && member.value().indexOf(':') > 1;
    }
}
