package dev.btrbot.testing;

import dev.btrbot.core.Reply;
import dev.btrbot.core.port.Chat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the bot posted. */
public final class RecordingChat implements Chat {
    public record Post(String channel, Reply message) {
    }

    public final List<Post> posts = new CopyOnWriteArrayList<>();

    @Override
    public void post(String channel, Reply message) {
        posts.add(new Post(channel, message));
    }
}
