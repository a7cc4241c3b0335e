package dev.btrbot.core;

import dev.btrbot.domain.MemberId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Messages a use case decides on inside its transaction and that are sent
 * only after it committed ({@link Delivery#send}): a rolled-back change never
 * prompts anyone, and no chat call holds the database's write lock. Every
 * message is named by the {@link PostKey}s it carries, so whether it reached
 * the chat is on record.
 */
public final class Outbox {
    private final List<Message> messages = new ArrayList<>();

    /**
     * To a member directly ({@code member} set) or to a channel ({@code channel}, null = the default place).
     * {@code keys}: the scheduled posts it carries (a batched triage ping carries several); never empty.
     */
    public record Message(MemberId member, String channel, Reply reply, Set<PostKey> keys) {
        public Message {
            keys = Set.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("a message carries at least one key");
            }
        }

        /** Who it goes to, for the log. */
        public String to() {
            return member != null ? member.value() : channel == null ? "the default channel" : channel;
        }
    }

    public void tell(MemberId member, Reply reply, PostKey key) {
        tell(member, reply, Set.of(key));
    }

    public void tell(MemberId member, Reply reply, Set<PostKey> keys) {
        messages.add(new Message(member, null, reply, keys));
    }

    public void post(String channel, Reply reply, PostKey key) {
        messages.add(new Message(null, channel, reply, Set.of(key)));
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }
}
