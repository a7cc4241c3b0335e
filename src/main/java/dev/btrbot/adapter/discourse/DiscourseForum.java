package dev.btrbot.adapter.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.btrbot.config.DiscourseConfig;
import dev.btrbot.core.port.ForumSource;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.ForumPost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the forum anonymously, as any visitor may: the newest posts ({@code /posts.json}, newest first), paging back
 * with {@code before=} no further than the last post already taken nor than {@code notBefore}, at most
 * {@value #MAX_PAGES} pages a poll; then each configured category's topic list, for new topics the pages did not
 * reach (a busy day past the page bound, or a topic {@code /posts.json} leaves out), each turned into its opening post
 * through {@code /t/{id}.json} — at most {@value #MAX_TOPIC_READS} topics a poll, newest first, and only topics the pages
 * could have missed (any new one when the page bound cut them short; else one created after the oldest post they read,
 * which {@code /posts.json} left out). One poll thus sends at most {@value #MAX_PAGES} + categories + {@value #MAX_TOPIC_READS}
 * requests, paced by {@link PoliteLimits}. The bot's own posts (its replies) are left out. A category the forum will not
 * list is logged and skipped: the posts already read still count.
 */
final class DiscourseForum implements ForumSource {
    private static final Logger LOG = LoggerFactory.getLogger(DiscourseForum.class);
    static final int MAX_PAGES = 20;
    static final int MAX_TOPIC_READS = 5;

    private final DiscourseHttp http;
    private final List<DiscourseConfig.Category> categories;
    private final String ownAccount;

    /** @param ownAccount the bot's own forum account, whose posts (its replies) are not read; null: none */
    DiscourseForum(DiscourseHttp http, List<DiscourseConfig.Category> categories, String ownAccount) {
        this.http = http;
        this.categories = List.copyOf(categories);
        this.ownAccount = ownAccount;
    }

    @Override
    public List<ForumPost> postsAfter(long afterPostId, Instant notBefore) {
        Map<Long, ForumPost> found = new TreeMap<>();
        Coverage covered = newestPosts(afterPostId, notBefore, found);
        readNewTopics(afterPostId, notBefore, covered, found);
        return found.values().stream().filter(p -> ownAccount == null || !ownAccount.equalsIgnoreCase(p.author())).toList();
    }

    /**
     * How far back the pages of {@code /posts.json} went.
     *
     * @param complete   they reached the last post taken, {@code notBefore} or the forum's first post
     * @param oldestRead the time of the oldest post read; null when none was
     */
    private record Coverage(boolean complete, Instant oldestRead) {
        /**
         * Whether a topic created at {@code created} should have shown among the pages: when they reached back past it.
         * One that should have and did not was left out of {@code /posts.json}; one that could not is in the gap the
         * page bound left.
         */
        boolean mayHaveMissed(Instant created) {
            return !complete || oldestRead == null || created.isAfter(oldestRead);
        }
    }

    private Coverage newestPosts(long afterPostId, Instant notBefore, Map<Long, ForumPost> found) {
        Long before = null;
        Instant oldest = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode posts = http.get("/posts.json" + (before == null ? "" : "?before=" + before)).path("latest_posts");
            if (!posts.isArray() || posts.isEmpty()) {
                return new Coverage(true, oldest); // the forum's first post is behind us
            }
            long lowest = Long.MAX_VALUE;
            boolean reached = false;
            for (JsonNode p : posts) {
                Optional<ForumPost> post = PostJson.toPost(p, http.base(), null, null);
                if (post.isEmpty()) {
                    continue;
                }
                ForumPost fp = post.get();
                lowest = Math.min(lowest, fp.postId());
                oldest = oldest == null || fp.createdAt().isBefore(oldest) ? fp.createdAt() : oldest;
                if (fp.postId() <= afterPostId || fp.createdAt().isBefore(notBefore)) {
                    reached = true;
                } else {
                    found.put(fp.postId(), fp);
                }
            }
            if (reached || lowest == Long.MAX_VALUE || lowest - 1 <= afterPostId) {
                return new Coverage(true, oldest);
            }
            before = lowest - 1;
        }
        return new Coverage(false, oldest);
    }

    /** New topics of the configured categories that the pages may have missed, as their opening posts; newest first. */
    private void readNewTopics(long afterPostId, Instant notBefore, Coverage covered, Map<Long, ForumPost> found) {
        Set<Long> opened = new HashSet<>();
        found.values().stream().filter(ForumPost::opensTopic).forEach(p -> opened.add(p.topicId()));
        List<JsonNode> wanted = new ArrayList<>();
        for (DiscourseConfig.Category category : categories) {
            JsonNode list;
            try {
                list = http.get(category.topicsPath());
            } catch (Unavailable e) {
                // one category the forum will not list (renamed, closed, a typo) must not cost the posts already read
                LOG.warn("forum: category {} not read: {}", category, e.getMessage());
                continue;
            }
            for (JsonNode topic : list.path("topic_list").path("topics")) {
                Instant created = PostJson.instant(topic.path("created_at").asText(null));
                long id = topic.path("id").asLong(0);
                if (id > 0 && created != null && !created.isBefore(notBefore) && covered.mayHaveMissed(created) && opened.add(id)) {
                    wanted.add(topic);
                }
            }
        }
        wanted.sort(Comparator.comparing((JsonNode t) -> PostJson.instant(t.path("created_at").asText())).reversed());
        for (JsonNode topic : wanted.subList(0, Math.min(MAX_TOPIC_READS, wanted.size()))) {
            openingPost(topic).filter(p -> p.postId() > afterPostId).ifPresent(p -> found.put(p.postId(), p));
        }
    }

    /** The topic's first post, from {@code /t/{id}.json}; empty when the topic is gone or closed to visitors since. */
    private Optional<ForumPost> openingPost(JsonNode topic) {
        Optional<JsonNode> shown = http.find("/t/" + topic.path("id").asLong() + ".json");
        Integer category = topic.path("category_id").canConvertToInt() ? Integer.valueOf(topic.get("category_id").asInt()) : null;
        String title = topic.path("title").asText("");
        if (shown.isEmpty()) {
            return Optional.empty();
        }
        for (JsonNode post : shown.get().path("post_stream").path("posts")) {
            if (post.path("post_number").asInt() == 1) {
                return PostJson.toPost(post, http.base(), shown.get().path("title").asText(title), category);
            }
        }
        return Optional.empty();
    }
}
