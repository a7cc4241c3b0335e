package dev.btrbot.core;

import dev.btrbot.domain.MemberId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages a use case decides on inside its transaction and sends only after
 * it committed: a rolled-back change never prompts anyone, and no chat call
 * holds the database's write lock. A message the platform refuses is logged
 * and does not stop the others.
 */
public final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final List<Message> messages = new ArrayList<>();

    /**
     * To a member directly ({@code member} set) or to a channel ({@code channel}, null = the default place).
     * {@code key} ties the message to a scheduled-post claim; may be null.
     */
    public record Message(MemberId member, String channel, Reply reply, String key) {
    }

    public void tell(MemberId member, Reply reply) {
        tell(member, reply, null);
    }

    public void tell(MemberId member, Reply reply, String key) {
        messages.add(new Message(member, null, reply, key));
    }

    public void post(String channel, Reply reply) {
        messages.add(new Message(null, channel, reply, null));
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** @return the messages the platform refused (empty when all went out) */
    public List<Message> deliver(Chat chat) {
        List<Message> failed = new ArrayList<>();
        for (Message m : messages) {
            try {
                if (m.member() != null) {
                    chat.tell(m.member(), m.reply());
                } else {
                    chat.post(m.channel(), m.reply());
                }
            } catch (RuntimeException e) {
                failed.add(m);
                LOG.error("could not send '{}' to {}", m.reply().title(), m.member() != null ? m.member() : m.channel() == null ? "the default channel" : m.channel(), e);
            }
        }
        messages.clear();
        return failed;
    }
}
