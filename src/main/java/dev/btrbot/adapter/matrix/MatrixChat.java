package dev.btrbot.adapter.matrix;

import dev.btrbot.core.Reply;
import dev.btrbot.core.port.Chat;
import dev.btrbot.domain.MemberId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot speaking in Matrix unasked: posts are {@code m.notice}s in the
 * release's room (by id or alias), updates are edits ({@code m.replace}), and
 * a member is told things in a {@link DirectRooms direct room} (a mention in
 * a release room would need a release, and would be public).
 * Everything goes through the {@link Outbox}, so nothing is posted twice.
 */
final class MatrixChat implements Chat {
    private static final Logger LOG = LoggerFactory.getLogger(MatrixChat.class);
    private static final String PENDING = "txn:";
    private static final String UNSENT = "unsent:";

    private final MatrixStore store;
    private final Outbox outbox;
    private final Rooms rooms;
    private final DirectRooms directRooms;

    MatrixChat(MatrixStore store, Outbox outbox, Rooms rooms, DirectRooms directRooms) {
        this.store = store;
        this.outbox = outbox;
        this.rooms = rooms;
        this.directRooms = directRooms;
    }

    /**
     * A post that is not out yet (the homeserver is unreachable) stays in the
     * outbox and goes out later; a room that cannot be resolved is logged, and
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
        MatrixStore.Outgoing o = Outbox.message(room, MatrixMessages.notice(message), MatrixMessages.actionsJson(message.actions()));
        return new PostRef(channel, outbox.send(o).orElse(PENDING + o.txnId()));
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
        outbox.send(Outbox.message(room, MatrixMessages.replacement(original, message), null));
    }

    @Override
    public void tell(MemberId member, Reply message) {
        String room;
        try {
            room = directRooms.roomFor(member.value());
        } catch (MatrixClient.Transient | MatrixClient.Rejected e) {
            LOG.warn("cannot open a direct room with {}: {}", member, e.getMessage());
            return;
        }
        outbox.send(Outbox.message(room, MatrixMessages.notice(message), MatrixMessages.actionsJson(message.actions())));
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
