package dev.btrbot.adapter.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.btrbot.core.port.ForumReplies;
import dev.btrbot.core.port.Unavailable;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Replies in a topic under the bot's forum account: {@code POST /posts.json} with {@code topic_id} and {@code raw}, the
 * key in the {@code Api-Key} and {@code Api-Username} headers (never in the address, never in a message or a log).
 */
final class DiscourseReplies implements ForumReplies {
    private final DiscourseHttp http;
    private final Map<String, String> credentials;

    DiscourseReplies(DiscourseHttp http, String apiKey, String apiUsername) {
        this.http = http;
        this.credentials = Map.of("Api-Key", apiKey, "Api-Username", apiUsername);
    }

    @Override
    public URI reply(long topicId, String markdown) {
        if (topicId <= 0 || markdown == null || markdown.isBlank()) {
            throw new IllegalArgumentException("a reply names its topic and has text");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("topic_id", topicId).put("raw", markdown);
        JsonNode created = http.post("/posts.json", body, credentials);
        Optional<URI> link = Optional.of(created).filter(c -> c.path("post_number").canConvertToInt())
                .map(c -> PostJson.link(http.base(), c.path("topic_slug").asText(""), c.path("topic_id").asLong(topicId),
                        c.path("post_number").asInt()));
        return link.orElseThrow(() -> new Unavailable("The forum took the reply but did not say where it is."));
    }

    @Override
    public String toString() {
        return "DiscourseReplies[" + http.base() + ", key=***]";
    }
}
