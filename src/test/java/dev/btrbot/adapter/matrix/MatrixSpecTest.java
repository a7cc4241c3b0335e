package dev.btrbot.adapter.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checker the fake homeserver runs on every request and response ({@link MatrixSpec}) accepts what the spec
 * itself shows and catches what the spec does not allow: a fake that drifts fails the test that used it.
 */
class MatrixSpecTest {
    static final MatrixSpec SPEC = MatrixSpec.get();
    static final String V3 = "/_matrix/client/v3";

    static JsonNode json(String s) throws Exception {
        return MatrixSpec.JSON.readTree(s);
    }

    /**
     * The example the spec gives for an operation's 200 response, with the example files it {@code $ref}s put in
     * (the spec's site generator does the same; keys beside a {@code $ref} override the file's).
     */
    static String example(String method, String path) throws Exception {
        MatrixSpec.Match m = SPEC.find(method, path);
        assertThat(m).as(method + " " + path).isNotNull();
        JsonNode example = m.op().node().at("/responses/200/content/application~1json/examples/response/value");
        assertThat(example.isMissingNode()).as("an example for " + m.op().id()).isFalse();
        return resolved(example, m.op().file().getParent()).toString();
    }

    static JsonNode resolved(JsonNode node, java.nio.file.Path dir) throws Exception {
        if (node.isObject() && node.has("$ref")) {
            java.nio.file.Path file = dir.resolve(node.path("$ref").asText()).normalize();
            JsonNode base = resolved(new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .readTree(file.toFile()), file.getParent());
            ObjectNode merged = base.deepCopy();
            for (var it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getKey().equals("$ref")) {
                    merged.set(e.getKey(), resolved(e.getValue(), dir));
                }
            }
            return merged;
        }
        if (node.isContainerNode()) {
            JsonNode copy = node.deepCopy();
            if (copy.isObject()) {
                for (var it = node.fields(); it.hasNext(); ) {
                    var e = it.next();
                    ((ObjectNode) copy).set(e.getKey(), resolved(e.getValue(), dir));
                }
            } else {
                for (int i = 0; i < node.size(); i++) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) copy).set(i, resolved(node.get(i), dir));
                }
            }
            return copy;
        }
        return node;
    }

    @Test
    void theSpecsOwnExamplesOfTheCallsTheBotMakesPass() throws Exception {
        // the calls btr-bot makes that the spec gives a response example for
        List<String> calls = List.of(
                "GET " + V3 + "/sync",
                "GET " + V3 + "/login",
                "POST " + V3 + "/login",
                "GET " + V3 + "/account/whoami",
                "GET " + V3 + "/joined_rooms",
                "POST " + V3 + "/join/%21room%3Aexample.org",
                "PUT " + V3 + "/rooms/%21room%3Aexample.org/send/m.room.message/txn1",
                "GET " + V3 + "/rooms/%21room%3Aexample.org/messages",
                "POST " + V3 + "/createRoom",
                "GET " + V3 + "/directory/room/%23btr%3Aexample.org");
        for (String call : calls) {
            String[] mp = call.split(" ", 2);
            assertThat(SPEC.response(mp[0], mp[1], Map.of(), 200, example(mp[0], mp[1]))).as(call).isEmpty();
        }
    }

    @Test
    void theSpecsOwnRequestExamplesOfTheCallsTheBotMakesPass() throws Exception {
        for (String call : List.of("POST " + V3 + "/login", "POST " + V3 + "/user/%40btr%3Aexample.org/filter", "POST " + V3 + "/createRoom",
                "PUT " + V3 + "/user/%40btr%3Aexample.org/account_data/m.direct")) {
            String[] mp = call.split(" ", 2);
            JsonNode example = SPEC.find(mp[0], mp[1]).op().node().at("/requestBody/content/application~1json/schema/example");
            assertThat(example.isMissingNode()).as(call).isFalse();
            assertThat(SPEC.request(mp[0], mp[1], Map.of(), example.toString())).as(call).isEmpty();
        }
    }

    @Test
    void aSyncWithoutNextBatchOrWithAWronglyTypedFieldIsCaught() {
        assertThat(SPEC.response("GET", V3 + "/sync", Map.of(), 200, "{\"next_batch\":\"s1\"}")).isEmpty();
        assertThat(SPEC.response("GET", V3 + "/sync", Map.of(), 200, "{\"rooms\":{}}"))
                .singleElement().asString().contains("next_batch");
        assertThat(SPEC.response("GET", V3 + "/sync", Map.of(), 200,
                "{\"next_batch\":\"s1\",\"rooms\":{\"join\":{\"!r:example.org\":{\"timeline\":{\"events\":[],\"limited\":\"yes\"}}}}}"))
                .anySatisfy(e -> assertThat(e).contains("limited").contains("boolean"));
    }

    @Test
    void eventsInASyncAreHeldToTheirEventSchemas() {
        String sync = "{\"next_batch\":\"s1\",\"rooms\":{\"join\":{\"!r:example.org\":{\"timeline\":{\"events\":[%s]}}}}}";
        String good = "{\"type\":\"m.room.message\",\"event_id\":\"$1\",\"sender\":\"@a:example.org\",\"origin_server_ts\":1,"
                + "\"content\":{\"msgtype\":\"m.text\",\"body\":\"hi\"}}";
        assertThat(SPEC.response("GET", V3 + "/sync", Map.of(), 200, sync.formatted(good))).isEmpty();
        // a message without body; power levels whose users map to words; an event in /sync that carries room_id
        String noBody = good.replace(",\"body\":\"hi\"", "");
        String levels = "{\"type\":\"m.room.power_levels\",\"state_key\":\"\",\"event_id\":\"$2\",\"sender\":\"@a:example.org\","
                + "\"origin_server_ts\":1,\"content\":{\"users\":{\"@a:example.org\":\"lots\"}}}";
        String withRoom = good.replace("{\"type\"", "{\"room_id\":\"!r:example.org\",\"type\"");
        assertThat(SPEC.response("GET", V3 + "/sync", Map.of(), 200, sync.formatted(noBody))).anySatisfy(e -> assertThat(e).contains("body"));
        assertThat(SPEC.response("GET", V3 + "/sync", Map.of(), 200, sync.formatted(levels))).anySatisfy(e -> assertThat(e).contains("users"));
        assertThat(SPEC.response("GET", V3 + "/sync", Map.of(), 200, sync.formatted(withRoom))).anySatisfy(e -> assertThat(e).contains("room_id"));
    }

    @Test
    void aStateTypeSentAsAMessageEventIsARoomEventNotAViolation() {
        String sync = "{\"next_batch\":\"s1\",\"rooms\":{\"join\":{\"!r:example.org\":{\"timeline\":{\"events\":[{\"type\":"
                + "\"m.room.power_levels\",\"event_id\":\"$1\",\"sender\":\"@a:example.org\",\"origin_server_ts\":1,\"content\":"
                + "{\"users\":{\"@a:example.org\":100}}}]}}}}}";
        assertThat(SPEC.response("GET", V3 + "/sync", Map.of(), 200, sync)).isEmpty();
    }

    @Test
    void requestsAreHeldToTheirOperationPathQueryAndBody() {
        String join = V3 + "/join/%21room%3Aexample.org";
        assertThat(SPEC.request("POST", join, Map.of("via", List.of("example.org", "other.org")), "{}")).isEmpty();
        assertThat(SPEC.request("POST", join, Map.of("server_name", List.of("example.org")), "{}"))
                .singleElement().asString().contains("'server_name' is not in the spec");
        assertThat(SPEC.request("POST", join, Map.of(), null)).singleElement().asString().contains("requires a JSON body");
        assertThat(SPEC.request("GET", V3 + "/rooms/%21r%3Aexample.org/messages", Map.of("dir", List.of("b"), "limit", List.of("ten")), null))
                .singleElement().asString().contains("limit");
        assertThat(SPEC.request("GET", V3 + "/rooms/%21r%3Aexample.org/messages", Map.of("dir", List.of("sideways")), null))
                .singleElement().asString().contains("dir");
        assertThat(SPEC.request("GET", V3 + "/rooms/%23alias%3Aexample.org/messages", Map.of("dir", List.of("b")), null))
                .singleElement().asString().contains("roomId");
        assertThat(SPEC.request("GET", V3 + "/nowhere", Map.of(), null)).singleElement().asString().contains("no such operation");
        assertThat(SPEC.request("POST", V3 + "/login", Map.of(), "{\"identifier\":{\"type\":\"m.id.user\",\"user\":\"btr\"}}"))
                .singleElement().asString().contains("request body").contains("type");
    }

    @Test
    void errorsTheOperationDoesNotListAreTheStandardErrorResponse() {
        assertThat(SPEC.response("GET", V3 + "/sync", Map.of(), 401, "{\"errcode\":\"M_UNKNOWN_TOKEN\",\"error\":\"Invalid\"}")).isEmpty();
        assertThat(SPEC.response("GET", V3 + "/sync", Map.of(), 401, "{\"error\":\"no errcode\"}"))
                .singleElement().asString().contains("errcode");
        assertThat(SPEC.response("GET", V3 + "/sync", Map.of(), 502, "Bad Gateway")).isEmpty();
        assertThat(SPEC.response("GET", V3 + "/sync", Map.of(), 201, "{}")).singleElement().asString().contains("not a response");
    }

    @Test
    void aStateEventIsItsContentOrWithFormatEventTheWholeEventHeldToItsSchema() {
        String path = V3 + "/rooms/%21r%3Aexample.org/state/m.room.create/";
        String event = "{\"type\":\"m.room.create\",\"state_key\":\"\",\"event_id\":\"$1\",\"room_id\":\"!r:example.org\","
                + "\"sender\":\"@a:example.org\",\"origin_server_ts\":1,\"content\":{\"room_version\":\"12\"}}";
        assertThat(SPEC.response("GET", path, Map.of("format", List.of("event")), 200, event)).isEmpty();
        assertThat(SPEC.response("GET", path, Map.of(), 200, "{\"room_version\":\"12\"}")).isEmpty();
        assertThat(SPEC.response("GET", path, Map.of("format", List.of("event")), 200, event.replace("\"state_key\":\"\",", "")))
                .anySatisfy(e -> assertThat(e).contains("state_key"));
        assertThat(SPEC.response("GET", path, Map.of(), 200, "{\"additional_creators\":\"@b:example.org\"}"))
                .anySatisfy(e -> assertThat(e).contains("additional_creators"));
    }

    @Test
    void aMembersStateEventIsHeldToTheMemberSchema() {
        String path = V3 + "/rooms/%21r%3Aexample.org/state/m.room.member/%40pierre%3Aexample.org";
        assertThat(SPEC.response("GET", path, Map.of(), 200, "{\"membership\":\"join\",\"displayname\":\"Pierre\"}")).isEmpty();
        assertThat(SPEC.response("GET", path, Map.of(), 200, "{\"displayname\":\"Pierre\"}"))
                .anySatisfy(e -> assertThat(e).contains("membership"));
        assertThat(SPEC.response("GET", path, Map.of(), 200, "{\"membership\":\"join\",\"displayname\":7}"))
                .anySatisfy(e -> assertThat(e).contains("displayname"));
        assertThat(SPEC.request("GET", path, Map.of(), null)).isEmpty();
    }

    ObjectNode notice(String body) {
        return MatrixSpec.JSON.createObjectNode().put("msgtype", "m.notice").put("body", body).put("format", "org.matrix.custom.html")
                .put("formatted_body", "<p>" + body + "</p>");
    }

    @Test
    void theContentTheBotSendsIsHeldToTheEventSchemasAndTheRulesOfRepliesThreadsAndEdits() throws Exception {
        ObjectNode reply = notice("ok");
        reply.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", "$cmd");
        assertThat(SPEC.content("m.room.message", reply)).isEmpty();

        ObjectNode threaded = notice("ok");
        threaded.putObject("m.relates_to").put("rel_type", "m.thread").put("event_id", "$root").put("is_falling_back", false)
                .putObject("m.in_reply_to").put("event_id", "$cmd");
        assertThat(SPEC.content("m.room.message", threaded)).isEmpty();

        ObjectNode edit = notice("* new");
        edit.set("m.new_content", notice("new"));
        edit.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", "$post");
        assertThat(SPEC.content("m.room.message", edit)).isEmpty();

        ObjectNode noBody = notice("x");
        noBody.remove("body");
        assertThat(SPEC.content("m.room.message", noBody)).anySatisfy(e -> assertThat(e).contains("body"));
        ObjectNode formatOnly = notice("x");
        formatOnly.remove("formatted_body");
        assertThat(SPEC.content("m.room.message", formatOnly)).anySatisfy(e -> assertThat(e).contains("formatted_body"));
        ObjectNode fallbackOutsideThread = notice("x");
        fallbackOutsideThread.putObject("m.relates_to").put("is_falling_back", true).putObject("m.in_reply_to").put("event_id", "$cmd");
        assertThat(SPEC.content("m.room.message", fallbackOutsideThread)).isNotEmpty();
        ObjectNode editWithoutNewContent = notice("* new");
        editWithoutNewContent.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", "$post");
        assertThat(SPEC.content("m.room.message", editWithoutNewContent)).anySatisfy(e -> assertThat(e).contains("m.new_content"));
        ObjectNode editOfNothing = notice("* new");
        editOfNothing.set("m.new_content", MatrixSpec.JSON.createObjectNode().put("msgtype", "m.notice"));
        editOfNothing.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", "$post");
        assertThat(SPEC.content("m.room.message", editOfNothing)).anySatisfy(e -> assertThat(e).contains("m.new_content").contains("body"));
        ObjectNode replyToNoEvent = notice("x");
        replyToNoEvent.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", "cmd");
        assertThat(SPEC.content("m.room.message", replyToNoEvent)).isNotEmpty();
        assertThat(SPEC.content("m.reaction", json("{\"m.relates_to\":{\"rel_type\":\"m.annotation\",\"key\":\"✅\"}}")))
                .anySatisfy(e -> assertThat(e).contains("event_id"));
    }

    @Test
    void aFakeHomeserverThatAnswersAShapeTheSpecDoesNotAllowFailsTheTestThatUsedIt() throws Exception {
        FakeHomeserver hs = new FakeHomeserver();
        hs.timeline("!r:example.org", "@a:example.org", "m.room.message", MatrixSpec.JSON.createObjectNode().put("msgtype", "m.text"), 1);
        var http = java.net.http.HttpClient.newHttpClient();
        var sync = java.net.http.HttpRequest.newBuilder(java.net.URI.create(hs.url() + V3 + "/sync?timeout=0"))
                .header("Authorization", "Bearer " + FakeHomeserver.TOKEN).build();
        assertThat(http.send(sync, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        var wrongQuery = java.net.http.HttpRequest.newBuilder(java.net.URI.create(hs.url() + V3 + "/sync?timeout=soon"))
                .header("Authorization", "Bearer " + FakeHomeserver.TOKEN).build();
        http.send(wrongQuery, java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThatThrownBy(hs::close).isInstanceOf(AssertionError.class)
                .hasMessageContaining("deviation(s) from the Matrix spec")
                .hasMessageContaining("required property 'body' not found")
                .hasMessageContaining("query parameter 'timeout'");
    }

    @Test
    void anEventOverTheSpecsSizeLimitIsCaught() {
        assertThat(SPEC.content("m.room.message", notice("x".repeat(MatrixSpec.MAX_EVENT_BYTES))))
                .anySatisfy(e -> assertThat(e).contains("over the spec's 65536"));
    }
}
