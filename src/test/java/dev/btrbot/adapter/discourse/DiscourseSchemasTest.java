package dev.btrbot.adapter.discourse;

import static dev.btrbot.adapter.discourse.ForumBed.JAN_26;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The check that holds the fake to Discourse's schemas bites: it passes what the fake serves and fails what breaks them. */
class DiscourseSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    final DiscourseSchemas schemas = DiscourseSchemas.load();

    private JsonNode get(FakeDiscourse forum, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(forum.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void whatTheFakeServesFitsTheSchemasAndABrokenCopyDoesNot() throws Exception {
        try (ForumBed bed = new ForumBed()) {
            bed.forum.category("support", 12);
            bed.forum.topic(1, 11, "Koa.2 install", "amir", JAN_26, "<p>broken</p>", 12);
            bed.forum.reply(2, 11, "bea", JAN_26.plusSeconds(60), "<p>same here</p>");

            JsonNode latest = get(bed.forum, "/posts.json");
            JsonNode topics = get(bed.forum, "/c/support/12.json");
            JsonNode topic = get(bed.forum, "/t/11.json");
            assertThat(schemas.check(DiscourseSchemas.LATEST_POSTS, latest)).isEmpty();
            assertThat(schemas.check(DiscourseSchemas.CATEGORY_TOPICS, topics)).isEmpty();
            assertThat(schemas.check(DiscourseSchemas.TOPIC, topic)).isEmpty();

            ObjectNode noTopicId = latest.deepCopy();
            ((ObjectNode) noTopicId.get("latest_posts").get(0)).remove("topic_id");
            assertThat(schemas.check(DiscourseSchemas.LATEST_POSTS, noTopicId)).singleElement().asString().contains("topic_id");
            ObjectNode stringId = topics.deepCopy();
            ((ObjectNode) stringId.get("topic_list").get("topics").get(0)).put("id", "11");
            assertThat(schemas.check(DiscourseSchemas.CATEGORY_TOPICS, stringId)).isNotEmpty();
            ObjectNode extra = topic.deepCopy();
            extra.put("not_a_discourse_field", true);
            assertThat(schemas.check(DiscourseSchemas.TOPIC, extra)).as("additionalProperties: false").isNotEmpty();
        }
    }

    @Test
    void aWebhookPostIsHeldToThePostSchemaLessWhatWebhooksLeaveOut() throws Exception {
        try (ForumBed bed = new ForumBed()) {
            JsonNode post = JSON.readTree(bed.forum.webhookBody(bed.forum.topic(1, 11, "Koa.2", "amir", JAN_26, "<p>x</p>", 12))).get("post");

            assertThat(schemas.check(DiscourseSchemas.WEBHOOK_POST, post)).isEmpty();
            assertThat(schemas.check(DiscourseSchemas.POST, post)).as("the full post schema asks for fields webhooks leave out")
                    .anyMatch(m -> m.contains("can_edit"));
            ObjectNode noRaw = post.deepCopy();
            noRaw.remove("raw");
            assertThat(schemas.check(DiscourseSchemas.WEBHOOK_POST, noRaw)).anyMatch(m -> m.contains("raw"));
        }
    }

    @Test
    void aFakeThatSendsWhatTheSchemasForbidFailsTheTest() {
        ForumBed bed = new ForumBed();
        // a webhook post without its raw text is not one Discourse sends: the fake records it, and its close() fails
        bed.forum.webhookBody(new FakeDiscourse.Post(2, 11, 1, "Koa.2", "koa-2", "amir", JAN_26, "<p>x</p>", null, 12));

        org.assertj.core.api.Assertions.assertThatThrownBy(bed::close).isInstanceOf(AssertionError.class)
                .hasMessageContaining("schemas do not allow").hasMessageContaining("raw");
    }
}
