package dev.btrbot.testing;

import dev.btrbot.core.Reply;
import dev.btrbot.core.port.Chat;
import dev.btrbot.domain.MemberId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the bot posted, updated and told members. */
public final class RecordingChat implements Chat {
    public record Post(String channel, Reply message) {
    }

    public record Told(MemberId member, Reply message) {
    }

    public final List<Post> posts = new CopyOnWriteArrayList<>();
    public final List<Post> updates = new CopyOnWriteArrayList<>();
    public final List<Told> told = new CopyOnWriteArrayList<>();

    @Override
    public PostRef post(String channel, Reply message) {
        posts.add(new Post(channel, message));
        return new PostRef(channel, Integer.toString(posts.size()));
    }

    @Override
    public void update(PostRef post, Reply message) {
        updates.add(new Post(post.channel(), message));
    }

    @Override
    public void tell(MemberId member, Reply message) {
        told.add(new Told(member, message));
    }
}
