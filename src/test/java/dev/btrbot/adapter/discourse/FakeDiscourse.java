package dev.btrbot.adapter.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Discourse forum on 127.0.0.1 for tests, serving our own sample posts and topics in the shapes Discourse's JSON
 * Schemas give ({@link DiscourseSchemas}): every body it sends, and every new post it receives, is checked against
 * them; a body that breaks its schema is replaced by a 500 and {@link #close()} fails with every violation, so no test
 * passes on a shape Discourse would not send.
 *
 * <p>It behaves as a Discourse forum does for a visitor: {@code GET /posts.json} lists the newest posts, newest first,
 * {@value #PAGE} at a time, {@code before=N} those with an id up to N; {@code GET /c/{slug…}/{id}.json} a category's
 * topics, most recently active first; {@code GET /t/{id}.json} a topic with its first posts (404 when there is none);
 * {@code POST /posts.json} a reply, only with the API key and username it was given (else 403), answered with the new
 * post. Its limits per address are Discourse's (50 requests in 10 s, 200 a minute; over them, 429 with
 * {@code Retry-After}), counted on the clock it is given; tests can also queue answers (429 with a {@code Retry-After},
 * a 5xx) for the next requests. It records every request it receives, with its time, and every reply posted.
 */
final class FakeDiscourse implements AutoCloseable {
    static final int PAGE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CATEGORY = Pattern.compile("/c/((?:[^/]+/)+)([0-9]+)\\.json");
    private static final Pattern TOPIC = Pattern.compile("/t/([0-9]+)\\.json");

    /** One sample post; the first of a topic (number 1) gives the topic its title, slug, category and time. */
    record Post(long id, long topicId, int number, String topicTitle, String topicSlug, String username, Instant createdAt,
                String cooked, String raw, int categoryId) {
    }

    /** A request as received: method, path with query, when (on the fake's clock), and its headers of interest. */
    record Received(String method, String pathAndQuery, Instant at, String apiKey, String apiUsername, String userAgent, String body) {
    }

    /** A canned answer for a coming request. */
    private record Canned(int status, String retryAfter) {
    }

    private final HttpServer server;
    private final Clock clock;
    private final DiscourseSchemas schemas = DiscourseSchemas.load();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<Integer, String> categories = new LinkedHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Canned> canned = new ConcurrentLinkedQueue<>();
    private final Deque<Instant> recent = new ArrayDeque<>();
    private volatile String apiKey;
    private volatile String apiUsername;
    private volatile int refusedForLimits;

    FakeDiscourse(Clock clock) {
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A category whose topic list is served at {@code /c/{slugPath}/{id}.json}. */
    FakeDiscourse category(String slugPath, int id) {
        categories.put(id, slugPath);
        return this;
    }

    /** The key {@code POST /posts.json} takes, acting as {@code username}. */
    FakeDiscourse apiKey(String key, String username) {
        this.apiKey = key;
        this.apiUsername = username;
        return this;
    }

    FakeDiscourse post(Post post) {
        posts.add(post);
        return this;
    }

    /** A new topic: its opening post. */
    Post topic(long postId, long topicId, String title, String username, Instant at, String cooked, int categoryId) {
        Post p = new Post(postId, topicId, 1, title, slug(title), username, at, cooked, plain(cooked), categoryId);
        posts.add(p);
        return p;
    }

    /** A reply in a topic already served. */
    Post reply(long postId, long topicId, String username, Instant at, String cooked) {
        Post first = opening(topicId);
        int number = (int) posts.stream().filter(p -> p.topicId() == topicId).count() + 1;
        Post p = new Post(postId, topicId, number, first.topicTitle(), first.topicSlug(), username, at, cooked, plain(cooked),
                first.categoryId());
        posts.add(p);
        return p;
    }

    /** The next {@code times} requests are answered {@code status}, with {@code retryAfter} when not null. */
    void answerNext(int times, int status, String retryAfter) {
        for (int i = 0; i < times; i++) {
            canned.add(new Canned(status, retryAfter));
        }
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(String method, String pathPrefix) {
        return received.stream().filter(r -> r.method().equals(method) && r.pathAndQuery().startsWith(pathPrefix)).toList();
    }

    int refusedForLimits() {
        return refusedForLimits;
    }

    /** The most requests received within any {@code window}. */
    int busiest(Duration window) {
        List<Instant> at = received.stream().map(Received::at).sorted().toList();
        int most = 0;
        for (int i = 0, j = 0; i < at.size(); i++) {
            while (!at.get(j).isAfter(at.get(i).minus(window))) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        return most;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    /** A webhook body for {@code post_created}: {@code {"post": {...}}} as Discourse's WebHookPostSerializer writes it. */
    String webhookBody(Post p) {
        ObjectNode post = JSON.createObjectNode();
        common(post, p);
        post.put("name", p.username()).put("display_username", p.username()).put("raw", p.raw()).put("topic_title", p.topicTitle())
                .put("category_id", p.categoryId()).put("topic_posts_count", p.number()).put("topic_filtered_posts_count", p.number())
                .put("topic_archetype", "regular").put("category_slug", categories.getOrDefault(p.categoryId(), "general"))
                .putNull("reviewable_id");
        ObjectNode body = JSON.createObjectNode().set("post", post);
        violations.addAll(schemas.check(DiscourseSchemas.WEBHOOK_POST, post));
        return body.toString();
    }

    /** A webhook body for {@code topic_created}: {@code {"topic": {...}}}, the WebHookTopicViewSerializer's shape. */
    String webhookTopicBody(Post opening) {
        ObjectNode topic = JSON.createObjectNode().put("id", opening.topicId()).put("title", opening.topicTitle())
                .put("fancy_title", opening.topicTitle()).put("posts_count", 1).put("created_at", opening.createdAt().toString())
                .put("views", 0).put("reply_count", 0).put("like_count", 0).put("last_posted_at", opening.createdAt().toString())
                .put("visible", true).put("closed", false).put("archived", false).put("archetype", "regular")
                .put("slug", opening.topicSlug()).put("category_id", opening.categoryId()).put("user_id", userId(opening.username()));
        topic.set("created_by", user(opening.username()));
        topic.set("last_poster", user(opening.username()));
        return JSON.createObjectNode().set("topic", topic).toString();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        if (!violations.isEmpty()) {
            throw new AssertionError("the fake forum sent or received what Discourse's schemas do not allow:\n" + String.join("\n", violations));
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            byte[] in;
            try (InputStream body = ex.getRequestBody()) {
                in = body.readAllBytes();
            }
            Instant now = clock.instant();
            received.add(new Received(method, path + (query == null ? "" : "?" + query), now, ex.getRequestHeaders().getFirst("Api-Key"),
                    ex.getRequestHeaders().getFirst("Api-Username"), ex.getRequestHeaders().getFirst("User-Agent"),
                    new String(in, StandardCharsets.UTF_8)));
            Integer wait = overLimits(now);
            if (wait != null) {
                refusedForLimits++;
                tooMany(ex, String.valueOf(wait));
                return;
            }
            Canned next = canned.poll();
            if (next != null) {
                if (next.status() == 429) {
                    tooMany(ex, next.retryAfter());
                } else {
                    send(ex, next.status(), "{\"errors\":[\"canned\"]}", null);
                }
                return;
            }
            route(ex, method, path, query, in);
        } catch (RuntimeException e) {
            violations.add("the fake failed: " + e);
            ex.sendResponseHeaders(500, -1);
        }
    }

    private void route(HttpExchange ex, String method, String path, String query, byte[] in) throws IOException {
        Matcher category = CATEGORY.matcher(path);
        Matcher topic = TOPIC.matcher(path);
        if (method.equals("GET") && path.equals("/posts.json")) {
            long before = query != null && query.startsWith("before=") ? Long.parseLong(query.substring(7)) : Long.MAX_VALUE;
            sendChecked(ex, DiscourseSchemas.LATEST_POSTS, latestPosts(before));
        } else if (method.equals("GET") && category.matches()) {
            int id = Integer.parseInt(category.group(2));
            String slug = category.group(1).substring(0, category.group(1).length() - 1);
            if (!slug.equals(categories.get(id))) {
                send(ex, 404, "{\"errors\":[\"The requested URL or resource could not be found.\"],\"error_type\":\"not_found\"}", null);
                return;
            }
            sendChecked(ex, DiscourseSchemas.CATEGORY_TOPICS, categoryTopics(id));
        } else if (method.equals("GET") && topic.matches()) {
            long id = Long.parseLong(topic.group(1));
            if (posts.stream().noneMatch(p -> p.topicId() == id)) {
                send(ex, 404, "{\"errors\":[\"The requested URL or resource could not be found.\"],\"error_type\":\"not_found\"}", null);
                return;
            }
            sendChecked(ex, DiscourseSchemas.TOPIC, topicShow(id));
        } else if (method.equals("POST") && path.equals("/posts.json")) {
            createPost(ex, in);
        } else {
            send(ex, 404, "{\"errors\":[\"The requested URL or resource could not be found.\"],\"error_type\":\"not_found\"}", null);
        }
    }

    private void createPost(HttpExchange ex, byte[] in) throws IOException {
        String key = ex.getRequestHeaders().getFirst("Api-Key");
        String user = ex.getRequestHeaders().getFirst("Api-Username");
        if (apiKey == null || !apiKey.equals(key) || !apiUsername.equals(user)) {
            send(ex, 403, "{\"errors\":[\"You are not permitted to view the requested resource. The API username or key is invalid.\"],"
                    + "\"error_type\":\"invalid_access\"}", null);
            return;
        }
        JsonNode body = JSON.readTree(in);
        List<String> wrong = schemas.check(DiscourseSchemas.CREATE_REQUEST, body);
        violations.addAll(wrong);
        long topicId = body.path("topic_id").asLong(0);
        if (!wrong.isEmpty() || posts.stream().noneMatch(p -> p.topicId() == topicId)) {
            send(ex, 422, "{\"errors\":[\"Topic not found\"],\"error_type\":\"invalid_parameters\"}", null);
            return;
        }
        long id = posts.stream().mapToLong(Post::id).max().orElse(0) + 1;
        Post p = reply(id, topicId, user, clock.instant(), "<p>" + html(body.get("raw").asText()) + "</p>");
        ObjectNode created = JSON.createObjectNode();
        common(created, p);
        created.put("name", user).put("display_username", user).put("raw", p.raw()).put("readers_count", 0).put("score", 0)
                .put("yours", true).putNull("primary_group_flair_url").putNull("primary_group_flair_bg_color")
                .putNull("primary_group_flair_color").put("can_edit", true).put("can_delete", true).put("can_recover", false)
                .put("can_wiki", false).put("draft_sequence", 1).put("can_view_edit_history", true).putNull("reviewable_id");
        created.putArray("actions_summary");
        created.remove(List.of("flair_name"));
        sendChecked(ex, DiscourseSchemas.CREATE_RESPONSE, created);
    }

    private ObjectNode latestPosts(long before) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("latest_posts");
        posts.stream().filter(p -> p.id() <= before).sorted(Comparator.comparingLong(Post::id).reversed()).limit(PAGE).forEach(p -> {
            ObjectNode o = list.addObject();
            common(o, p);
            o.put("name", p.username()).put("posts_count", topicPosts(p.topicId()).size()).put("readers_count", 0).put("score", 0)
                    .put("yours", false).put("topic_title", p.topicTitle()).put("topic_html_title", html(p.topicTitle()))
                    .put("category_id", p.categoryId()).put("display_username", p.username()).putNull("flair_url")
                    .putNull("flair_bg_color").putNull("flair_color").putNull("flair_group_id").put("can_edit", false)
                    .put("can_delete", false).put("can_recover", false).put("can_see_hidden_post", false).put("can_wiki", false)
                    .put("raw", p.raw()).put("can_view_edit_history", true).put("excerpt", html(plain(p.cooked())))
                    .put("truncated", false).putNull("reviewable_id").put("post_url", "/t/" + p.topicSlug() + "/" + p.topicId() + "/" + p.number())
                    .put("can_accept_answer", false).put("can_unaccept_answer", false).put("accepted_answer", false)
                    .putNull("topic_accepted_answer");
            o.putArray("badges_granted");
            o.putArray("actions_summary");
        });
        return root;
    }

    private ObjectNode categoryTopics(int categoryId) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode users = root.putArray("users");
        root.putArray("primary_groups");
        ObjectNode list = root.putObject("topic_list").put("can_create_topic", false).put("per_page", 30);
        list.putArray("top_tags");
        ArrayNode topics = list.putArray("topics");
        List<String> named = new ArrayList<>();
        posts.stream().filter(p -> p.number() == 1 && p.categoryId() == categoryId)
                .sorted(Comparator.comparing((Post p) -> last(p.topicId()).createdAt()).reversed()).forEach(first -> {
                    List<Post> all = topicPosts(first.topicId());
                    Post last = last(first.topicId());
                    ObjectNode t = topics.addObject().put("id", first.topicId()).put("title", first.topicTitle())
                            .put("fancy_title", html(first.topicTitle())).put("slug", first.topicSlug()).put("posts_count", all.size())
                            .put("reply_count", all.size() - 1).put("highest_post_number", last.number()).putNull("image_url")
                            .put("created_at", first.createdAt().toString()).put("last_posted_at", last.createdAt().toString())
                            .put("bumped", true).put("bumped_at", last.createdAt().toString()).put("archetype", "regular")
                            .put("unseen", false).put("pinned", false).putNull("unpinned").put("excerpt", html(plain(first.cooked())))
                            .put("visible", true).put("closed", false).put("archived", false).putNull("bookmarked").putNull("liked")
                            .put("views", 3).put("like_count", 0).put("has_summary", false).put("last_poster_username", last.username())
                            .put("category_id", categoryId).put("pinned_globally", false).putNull("featured_link");
                    t.putArray("posters").addObject().put("extras", "latest").put("description", "Original Poster, Most Recent Poster")
                            .put("user_id", userId(first.username())).putNull("primary_group_id");
                    for (String u : List.of(first.username(), last.username())) {
                        if (!named.contains(u)) {
                            named.add(u);
                            users.add(user(u));
                        }
                    }
                });
        return root;
    }

    private ObjectNode topicShow(long topicId) {
        List<Post> all = topicPosts(topicId);
        Post first = all.get(0);
        Post last = all.get(all.size() - 1);
        ObjectNode root = JSON.createObjectNode();
        ObjectNode stream = root.putObject("post_stream");
        ArrayNode list = stream.putArray("posts");
        ArrayNode ids = stream.putArray("stream");
        for (Post p : all) {
            ids.add(p.id());
            if (list.size() >= 20) {
                continue;
            }
            ObjectNode o = list.addObject();
            common(o, p);
            o.put("name", p.username()).put("readers_count", 0).put("score", 0).put("yours", false).put("display_username", p.username())
                    .putNull("flair_url").putNull("flair_bg_color").putNull("flair_color").put("can_edit", false).put("can_delete", false)
                    .put("can_recover", false).put("can_see_hidden_post", false).put("can_wiki", false).put("read", true)
                    .put("can_view_edit_history", true).put("reviewable_id", 0);
            o.putArray("link_counts");
            o.putArray("actions_summary");
        }
        root.putArray("timeline_lookup");
        root.putArray("suggested_topics");
        root.putArray("tags");
        root.putObject("tags_descriptions");
        root.put("id", topicId).put("title", first.topicTitle()).put("fancy_title", html(first.topicTitle())).put("posts_count", all.size())
                .put("created_at", first.createdAt().toString()).put("views", 3).put("reply_count", all.size() - 1).put("like_count", 0)
                .put("last_posted_at", last.createdAt().toString()).put("visible", true).put("closed", false).put("archived", false)
                .put("has_summary", false).put("archetype", "regular").put("slug", first.topicSlug()).put("category_id", first.categoryId())
                .put("word_count", 42).putNull("deleted_at").put("user_id", userId(first.username())).putNull("featured_link")
                .put("pinned_globally", false).putNull("pinned_at").putNull("pinned_until").putNull("image_url").put("slow_mode_seconds", 0)
                .putNull("draft").put("draft_key", "topic_" + topicId).put("draft_sequence", 0).putNull("unpinned").put("pinned", false)
                .put("highest_post_number", last.number()).putNull("deleted_by").put("has_deleted", false).put("chunk_size", 20)
                .put("bookmarked", false).putNull("topic_timer").put("message_bus_last_id", 0).put("participant_count", 1)
                .put("show_read_indicator", false).putNull("thumbnails").putNull("slow_mode_enabled_until").put("summarizable", false);
        root.putArray("actions_summary");
        root.putArray("bookmarks");
        ObjectNode details = root.putObject("details");
        for (String flag : List.of("can_edit", "can_move_posts", "can_delete", "can_remove_allowed_users", "can_create_post",
                "can_reply_as_new_topic", "can_convert_topic", "can_review_topic", "can_close_topic", "can_archive_topic",
                "can_split_merge_topic", "can_edit_staff_notes", "can_toggle_topic_visibility", "can_pin_unpin_topic", "can_moderate_category")) {
            details.put(flag, false);
        }
        details.put("notification_level", 1).put("can_remove_self_id", 0);
        details.set("created_by", user(first.username()));
        details.set("last_poster", user(last.username()));
        return root;
    }

    /** The fields every post serializer shares. */
    private void common(ObjectNode o, Post p) {
        o.put("id", p.id()).put("username", p.username()).put("avatar_template", "/letter_avatar_proxy/v4/letter/a/8e7dd6/{size}.png")
                .put("created_at", p.createdAt().toString()).put("cooked", p.cooked()).put("post_number", p.number()).put("post_type", 1)
                .put("updated_at", p.createdAt().toString()).put("reply_count", 0).putNull("reply_to_post_number").put("quote_count", 0)
                .put("incoming_link_count", 0).put("reads", 1).put("score", 0).put("topic_id", p.topicId()).put("topic_slug", p.topicSlug())
                .putNull("primary_group_name").putNull("flair_name").put("version", 1).putNull("user_title").put("bookmarked", false)
                .put("moderator", false).put("admin", false).put("staff", false).put("user_id", userId(p.username())).put("hidden", false)
                .put("trust_level", 1).putNull("deleted_at").put("user_deleted", false).putNull("edit_reason").put("wiki", false)
                .put("reviewable_score_count", 0).put("reviewable_score_pending_count", 0);
    }

    private ObjectNode user(String username) {
        return JSON.createObjectNode().put("id", userId(username)).put("username", username).put("name", username)
                .put("avatar_template", "/letter_avatar_proxy/v4/letter/a/8e7dd6/{size}.png");
    }

    private List<Post> topicPosts(long topicId) {
        return posts.stream().filter(p -> p.topicId() == topicId).sorted(Comparator.comparingInt(Post::number)).toList();
    }

    private Post opening(long topicId) {
        return topicPosts(topicId).stream().filter(p -> p.number() == 1).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic " + topicId));
    }

    private Post last(long topicId) {
        List<Post> all = topicPosts(topicId);
        return all.get(all.size() - 1);
    }

    private static int userId(String username) {
        return Math.abs(username.hashCode() % 100_000) + 1;
    }

    /** Over Discourse's limits per address, the seconds to wait; null within them. */
    private synchronized Integer overLimits(Instant now) {
        recent.addLast(now);
        while (!recent.peekFirst().isAfter(now.minus(Duration.ofMinutes(1)))) {
            recent.removeFirst();
        }
        long lastTen = recent.stream().filter(t -> t.isAfter(now.minusSeconds(10))).count();
        if (lastTen > 50) {
            return 10;
        }
        return recent.size() > 200 ? 60 : null;
    }

    private void tooMany(HttpExchange ex, String retryAfter) throws IOException {
        send(ex, 429, "{\"errors\":[\"You’ve performed this action too many times. Please wait a few seconds before trying again.\"],"
                + "\"error_type\":\"rate_limit\"}", retryAfter);
    }

    private void sendChecked(HttpExchange ex, String schema, JsonNode body) throws IOException {
        List<String> wrong = schemas.check(schema, body);
        if (!wrong.isEmpty()) {
            violations.addAll(wrong);
            send(ex, 500, "{\"errors\":[\"the fake's answer breaks " + schema + "\"]}", null);
            return;
        }
        send(ex, 200, body.toString(), null);
    }

    private static void send(HttpExchange ex, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (retryAfter != null) {
            ex.getResponseHeaders().set("Retry-After", retryAfter);
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    static String slug(String title) {
        String s = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "topic" : s;
    }

    static String plain(String cooked) {
        return cooked.replaceAll("<[^>]*>", "").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
