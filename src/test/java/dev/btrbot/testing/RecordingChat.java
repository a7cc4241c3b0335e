package dev.btrbot.testing;

import dev.btrbot.core.Reply;
import dev.btrbot.core.Chat;
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
    /** While set, every post and direct message fails as an unreachable platform would. */
    public volatile boolean down;

    @Override
    public PostRef post(String channel, Reply message) {
        failIfDown();
        posts.add(new Post(channel, message));
        return new PostRef(channel, Integer.toString(posts.size()));
    }

    private volatile java.util.concurrent.CountDownLatch updatesBlocked;

    /** Makes every edit wait for the latch, as a chat platform waiting out a rate limit would. */
    public void blockUpdatesUntil(java.util.concurrent.CountDownLatch latch) {
        updatesBlocked = latch;
    }

    @Override
    public void update(PostRef post, Reply message) {
        java.util.concurrent.CountDownLatch latch = updatesBlocked;
        if (latch != null) {
            try {
                latch.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        updates.add(new Post(post.channel(), message));
    }

    @Override
    public void tell(MemberId member, Reply message) {
        failIfDown();
        told.add(new Told(member, message));
    }

    private void failIfDown() {
        if (down) {
            throw new Undelivered("chat platform unreachable");
        }
    }

    /** What one member was told, in order. */
    public List<Reply> toldTo(String member) {
        return told.stream().filter(t -> t.member().value().equals(member)).map(Told::message).toList();
    }

    public void clear() {
        posts.clear();
        updates.clear();
        told.clear();
    }
}
