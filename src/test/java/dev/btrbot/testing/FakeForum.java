package dev.btrbot.testing;

import dev.btrbot.core.port.ForumReplies;
import dev.btrbot.core.port.ForumSource;
import dev.btrbot.core.port.IssueTracker;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.ForumPost;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A forum held in memory, for tests of the forum watch's core: posts a test writes, read as the port promises
 * (after a post id, not before a time, oldest first); replies the bot posts, recorded; and an issue tracker that
 * records what it was asked to open. The Discourse adapter itself is tested against a fake Discourse server.
 */
public final class FakeForum implements ForumSource, ForumReplies, IssueTracker {
    private final List<ForumPost> posts = new ArrayList<>();
    private final AtomicLong nextPost = new AtomicLong(100);
    private String down;
    private String repliesRefused;
    private String issuesRefused;
    /** Each {@link #postsAfter} call's cursor, in order. */
    public final List<Long> askedAfter = new ArrayList<>();
    /** Each {@link #postsAfter} call's oldest time, in order. */
    public final List<Instant> askedNotBefore = new ArrayList<>();
    /** Replies the bot posted: topic id and text. */
    public final List<String> replies = new ArrayList<>();
    /** Issues the bot opened: repo, title, milestone, labels and body. */
    public final List<Issue> issues = new ArrayList<>();

    public record Issue(String repo, String title, String body, String milestone, List<String> labels) {
    }

    /** A new topic's first post; returns it. */
    public synchronized ForumPost topic(long topicId, String title, String author, Instant at, String excerpt, Integer category) {
        return add(topicId, 1, title, author, at, excerpt, category);
    }

    /** A reply in a topic; returns it. */
    public synchronized ForumPost reply(long topicId, int postNumber, String title, String author, Instant at, String excerpt) {
        return add(topicId, postNumber, title, author, at, excerpt, null);
    }

    private ForumPost add(long topicId, int postNumber, String title, String author, Instant at, String excerpt, Integer category) {
        ForumPost p = new ForumPost(nextPost.incrementAndGet(), topicId, postNumber, title, author, at, excerpt, category,
                URI.create("https://discuss.example.org/t/" + topicId + "/" + postNumber));
        posts.add(p);
        return p;
    }

    /** Every read fails, saying {@code reason}; null: the forum is back. */
    public synchronized void down(String reason) {
        this.down = reason;
    }

    public synchronized void refuseReplies(String reason) {
        this.repliesRefused = reason;
    }

    public synchronized void refuseIssues(String reason) {
        this.issuesRefused = reason;
    }

    @Override
    public synchronized List<ForumPost> postsAfter(long afterPostId, Instant notBefore) {
        askedAfter.add(afterPostId);
        askedNotBefore.add(notBefore);
        if (down != null) {
            throw new Unavailable(down);
        }
        return posts.stream().filter(p -> p.postId() > afterPostId && !p.createdAt().isBefore(notBefore))
                .sorted(Comparator.comparingLong(ForumPost::postId)).toList();
    }

    @Override
    public synchronized URI reply(long topicId, String markdown) {
        if (repliesRefused != null) {
            throw new Unavailable(repliesRefused);
        }
        replies.add(topicId + ": " + markdown);
        return URI.create("https://discuss.example.org/t/" + topicId + "/" + (replies.size() + 50));
    }

    @Override
    public synchronized String open(String repo, String title, String body, String milestone, List<String> labels) {
        if (issuesRefused != null) {
            throw new Unavailable(issuesRefused);
        }
        issues.add(new Issue(repo, title, body, milestone, labels));
        return "https://github.com/" + repo + "/issues/" + (1000 + issues.size());
    }
}
