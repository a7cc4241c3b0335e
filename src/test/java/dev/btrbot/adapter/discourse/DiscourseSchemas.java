package dev.btrbot.adapter.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.btrbot.testing.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Discourse's own JSON Schemas of its API ({@code wire/discourse/}, from discourse/discourse's request specs) held
 * against what the fake forum sends and receives. The schemas name no draft; they are read as draft-07, whose
 * {@code items: [...]} (in {@code topic_create_response.json}) is the tuple form they were written with. Each check
 * answers the violations in words, none when the JSON is one Discourse could have sent.
 *
 * <p>One reading that is ours, with why: a webhook's {@code post} is checked against {@code post_show_response.json}
 * (Discourse's {@code PostSerializer}) less the fields {@code WebHookPostSerializer} leaves out of webhooks
 * ({@link #LEFT_OUT_OF_WEBHOOKS}), since that serializer is the post one with those fields switched off.
 */
final class DiscourseSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String LATEST_POSTS = "latest_posts_response.json";
    static final String CATEGORY_TOPICS = "category_topics_response.json";
    static final String TOPIC = "topic_show_response.json";
    static final String POST = "post_show_response.json";
    static final String CREATE_REQUEST = "topic_create_request.json";
    static final String CREATE_RESPONSE = "topic_create_response.json";
    static final String WEBHOOK_POST = "webhook post";
    /** {@code include_…? false} in app/serializers/web_hook_post_serializer.rb. */
    static final Set<String> LEFT_OUT_OF_WEBHOOKS = Set.of("can_view", "can_edit", "can_delete", "can_recover", "can_see_hidden_post",
            "can_wiki", "actions_summary", "can_view_edit_history", "yours", "flair_url", "flair_bg_color", "flair_color", "notice",
            "mentioned_users", "badges_granted", "readers_count");
    private static volatile DiscourseSchemas loaded;

    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private DiscourseSchemas() {
        // draft-07, plus two annotations the schemas use that assert nothing
        JsonMetaSchema dialect = JsonMetaSchema.builder(JsonMetaSchema.getV7()).keyword(new NonValidationKeyword("example"))
                .keyword(new NonValidationKeyword("deprecated")).build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
                b -> b.metaSchema(dialect).defaultMetaSchemaIri(dialect.getIri()));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
        for (String file : List.of(LATEST_POSTS, CATEGORY_TOPICS, TOPIC, POST, CREATE_REQUEST, CREATE_RESPONSE)) {
            schemas.put(file, factory.getSchema(read(file), config));
        }
        ObjectNode webhook = read(POST).deepCopy();
        ArrayNode required = webhook.putArray("required");
        read(POST).get("required").forEach(f -> {
            if (!LEFT_OUT_OF_WEBHOOKS.contains(f.asText())) {
                required.add(f);
            }
        });
        schemas.put(WEBHOOK_POST, factory.getSchema(webhook, config));
    }

    static DiscourseSchemas load() {
        if (loaded == null) {
            synchronized (DiscourseSchemas.class) {
                if (loaded == null) {
                    loaded = new DiscourseSchemas();
                }
            }
        }
        return loaded;
    }

    private static JsonNode read(String file) {
        try {
            return JSON.readTree(Wire.path("discourse/" + file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with {@code json} for the schema named (one of the constants), in words; empty when it fits. */
    List<String> check(String schema, JsonNode json) {
        JsonSchema compiled = schemas.get(schema);
        if (compiled == null) {
            throw new IllegalArgumentException("no schema " + schema);
        }
        Set<ValidationMessage> messages;
        synchronized (compiled) { // one validation of a schema at a time: the fake answers on several threads
            messages = compiled.validate(json);
        }
        List<String> wrong = new ArrayList<>();
        messages.forEach(m -> wrong.add(schema + ": " + m.getMessage()));
        return wrong;
    }
}
