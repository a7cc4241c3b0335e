package dev.btrbot.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A post on the community's forum as the bot read it, by polling or from a webhook. A topic's opening post has
 * {@code postNumber} 1. {@code excerpt} is plain text (no markup), already clipped; {@code categoryId} is null when the
 * forum did not say; {@code url} links the post itself.
 */
public record ForumPost(long postId, long topicId, int postNumber, String topicTitle, String author, Instant createdAt,
                        String excerpt, Integer categoryId, URI url) {
    /** Longest excerpt kept, in characters. */
    public static final int EXCERPT_LIMIT = 500;

    public ForumPost {
        if (postId <= 0 || topicId <= 0 || postNumber <= 0) {
            throw new IllegalArgumentException("forum ids are positive");
        }
        Objects.requireNonNull(topicTitle);
        Objects.requireNonNull(author);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(url);
        excerpt = excerpt == null ? "" : excerpt.strip();
        if (excerpt.length() > EXCERPT_LIMIT) {
            excerpt = excerpt.substring(0, EXCERPT_LIMIT - 1) + "…";
        }
    }

    public boolean opensTopic() {
        return postNumber == 1;
    }
}
