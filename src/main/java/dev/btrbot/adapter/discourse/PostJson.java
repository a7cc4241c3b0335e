package dev.btrbot.adapter.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.btrbot.domain.ForumPost;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A post as Discourse serializes it (in {@code /posts.json}, a topic's {@code post_stream}, a webhook's {@code post})
 * made a {@link ForumPost}: its link is {@code {forum}/t/{topic_slug}/{topic_id}/{post_number}}. A post that lacks
 * what a forum post needs (ids, a time) is skipped, not guessed.
 */
final class PostJson {
    private PostJson() {
    }

    /**
     * @param post       the post's JSON
     * @param forum      the forum's address (links are built on it, never on what a payload says)
     * @param topicTitle the topic's title when the post's JSON does not carry it ({@code topic_title} wins)
     * @param categoryId the topic's category when the post's JSON does not carry it ({@code category_id} wins)
     */
    static Optional<ForumPost> toPost(JsonNode post, URI forum, String topicTitle, Integer categoryId) {
        long id = post.path("id").asLong(0);
        long topicId = post.path("topic_id").asLong(0);
        int number = post.path("post_number").asInt(0);
        Instant created = instant(post.path("created_at").asText(null));
        if (id <= 0 || topicId <= 0 || number <= 0 || created == null) {
            return Optional.empty();
        }
        String title = post.hasNonNull("topic_title") ? post.get("topic_title").asText() : topicTitle;
        Integer category = post.path("category_id").canConvertToInt() ? Integer.valueOf(post.get("category_id").asInt()) : categoryId;
        String slug = post.path("topic_slug").asText("");
        String author = post.path("username").asText("");
        return Optional.of(new ForumPost(id, topicId, number, title == null ? "" : title.replaceAll("[\\p{Cntrl}\\s]+", " ").strip(), author, created,
                Excerpts.of(post.path("cooked").asText(null), post.path("raw").asText(null)), category, link(forum, slug, topicId, number)));
    }

    static URI link(URI forum, String slug, long topicId, int postNumber) {
        String segment = slug == null || slug.isBlank() ? "topic" : URLEncoder.encode(slug, StandardCharsets.UTF_8);
        return URI.create(forum + "/t/" + segment + "/" + topicId + "/" + postNumber);
    }

    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
