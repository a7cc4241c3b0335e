package dev.btrbot.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.SlashCommandPayloadParser;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.bots.BotsInfoResponse;
import com.slack.api.methods.response.chat.ChatDeleteResponse;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.conversations.ConversationsInfoResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.team.TeamInfoResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.methods.response.views.ViewsPushResponse;
import com.slack.api.methods.response.views.ViewsUpdateResponse;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Slack sends and answers, as java-slack-sdk v1.47.0 records it
 * (src/test/resources/wire/slack, see its SOURCE.md), turned into checks:
 * a JSON document conforms when it uses only keys the matching sample has
 * (recursively; array elements against the sample's elements) and the SDK's
 * own model class parses it with unknown properties refused.
 *
 * <p>How the samples are read (each rule a quirk of how they were recorded):
 * <ul>
 * <li>The sample of a polymorphic object records one variant (a section's
 * {@code text} is a {@code plain_text}); an object whose {@code type} differs
 * is held to an object of that {@code type} elsewhere in the same sample
 * (a {@code mrkdwn} text, a {@code plain_text_input}), and an array element to
 * the sample's elements of its {@code type}.</li>
 * <li>An empty object in a sample ({@code view.state}, {@code metadata.event_payload})
 * is a map whose keys the SDK does not model; an empty array, one whose
 * elements it does not record. Their contents are left to the SDK's parse.</li>
 * <li>A scalar's type is the SDK's to judge: the samples fill every value with
 * a placeholder.</li>
 * </ul>
 */
final class SlackSamples {
    static final Path ROOT = dev.btrbot.testing.Wire.path("slack");

    /** The SDK class of each Web API answer a sample exists for. */
    static final Map<String, Class<?>> RESPONSES = Map.ofEntries(
            Map.entry("apps.connections.open", AppsConnectionsOpenResponse.class),
            Map.entry("auth.test", AuthTestResponse.class),
            Map.entry("bots.info", BotsInfoResponse.class),
            Map.entry("chat.delete", ChatDeleteResponse.class),
            Map.entry("chat.postEphemeral", ChatPostEphemeralResponse.class),
            Map.entry("chat.postMessage", ChatPostMessageResponse.class),
            Map.entry("chat.update", ChatUpdateResponse.class),
            Map.entry("conversations.info", ConversationsInfoResponse.class),
            Map.entry("conversations.open", ConversationsOpenResponse.class),
            Map.entry("team.info", TeamInfoResponse.class),
            Map.entry("users.info", UsersInfoResponse.class),
            Map.entry("views.open", ViewsOpenResponse.class),
            Map.entry("views.push", ViewsPushResponse.class),
            Map.entry("views.update", ViewsUpdateResponse.class));

    private static final Map<String, JsonNode> SAMPLES = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, List<JsonNode>>> BY_TYPE = new ConcurrentHashMap<>();
    private static final Gson STRICT = GsonFactory.createSnakeCase(strict());

    private SlackSamples() {
    }

    private static SlackConfig strict() {
        SlackConfig config = new SlackConfig();
        config.setFailOnUnknownProperties(true);
        return config;
    }

    /** A sample, by its path under wire/slack ({@code api/chat.postMessage.json}); a fresh copy, free to change. */
    static JsonNode sample(String relative) {
        return cached(relative).deepCopy();
    }

    /** The sample itself, read once and shared: never to be changed. */
    private static JsonNode cached(String relative) {
        return SAMPLES.computeIfAbsent(relative, r -> {
            try {
                return FakeSlackApi.JSON.readTree(Files.readString(ROOT.resolve(r)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** True when the sample has this key at this JSON pointer ({@code /message}, "ts"). */
    static boolean has(String relative, String pointer, String key) {
        return cached(relative).at(pointer).has(key);
    }

    static boolean hasApiSample(String method) {
        return RESPONSES.containsKey(method);
    }

    // ---- what Slack answers ----

    /** What is wrong with a Web API answer for this method; empty when Slack could have sent it. */
    static List<String> apiResponse(String method, String body) {
        Class<?> type = RESPONSES.get(method);
        if (type == null) {
            return List.of(method + ": no java-slack-sdk sample, so no answer to it can be checked");
        }
        return conforms("api/" + method + ".json", method + " answer", body, type);
    }

    // ---- what Slack posts to the app ----

    /** What is wrong with a body posted to /slack/events (a slash command form, or an interaction's payload=…). */
    static List<String> request(String formBody) {
        Map<String, String> form = FakeSlackApi.parseForm(formBody);
        if (form.containsKey("payload")) {
            JsonNode payload;
            try {
                payload = FakeSlackApi.JSON.readTree(form.get("payload"));
            } catch (IOException e) {
                return List.of("payload: not JSON");
            }
            return switch (payload.path("type").asText()) {
                case "block_actions" -> conforms("app-backend/interactive-components/BlockActionPayload.json", "block_actions",
                        form.get("payload"), BlockActionPayload.class);
                case "view_submission" -> conforms("app-backend/views/ViewSubmissionPayload.json", "view_submission",
                        form.get("payload"), ViewSubmissionPayload.class);
                default -> List.of("payload: type '" + payload.path("type").asText() + "' has no sample here");
            };
        }
        return slashCommand(form, new SlashCommandPayloadParser().parse(formBody));
    }

    /** A slash command as Socket Mode delivers it: the same fields, as a JSON object. */
    static List<String> slashCommandJson(JsonNode payload) {
        Map<String, String> fields = new HashMap<>();
        payload.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
        try {
            return slashCommand(fields, STRICT.fromJson(payload.toString(), SlashCommandPayload.class));
        } catch (JsonParseException | IllegalStateException e) {
            return List.of("slash command: the SDK cannot read it (" + e.getMessage() + ")");
        }
    }

    private static List<String> slashCommand(Map<String, String> fields, SlashCommandPayload parsed) {
        JsonNode shape = cached("app-backend/slash-commands/SlashCommandPayload.json");
        List<String> out = new ArrayList<>();
        fields.keySet().stream().filter(k -> !shape.has(k)).sorted().forEach(k -> out.add("slash command." + k + ": not in the sample"));
        if (parsed == null || parsed.getCommand() == null || parsed.getUserId() == null || parsed.getTeamId() == null) {
            out.add("slash command: the SDK reads no command, user or team from it");
        }
        return out;
    }

    private static List<String> conforms(String samplePath, String what, String json, Class<?> modelClass) {
        JsonNode actual;
        try {
            actual = FakeSlackApi.JSON.readTree(json);
        } catch (IOException e) {
            return List.of(what + ": not JSON");
        }
        List<String> out = new ArrayList<>(unknownKeys(actual, samplePath, what));
        try {
            STRICT.fromJson(json, modelClass);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            out.add(what + ": java-slack-sdk's " + modelClass.getSimpleName() + " cannot read it (" + e.getMessage() + ")");
        }
        return out;
    }

    // ---- the key check ----

    /** Keys of {@code actual} that the sample at {@code samplePath} does not have, as "path: why" lines. */
    static List<String> unknownKeys(JsonNode actual, String samplePath, String what) {
        List<String> out = new ArrayList<>();
        check(what, actual, cached(samplePath), byType(samplePath), out);
        return out;
    }

    private static void check(String path, JsonNode actual, JsonNode sample, Map<String, List<JsonNode>> byType, List<String> out) {
        if (actual == null || actual.isNull() || sample == null || sample.isNull()) {
            return;
        }
        if (actual.isObject()) {
            if (!sample.isObject()) {
                out.add(path + ": an object where the sample has " + kind(sample));
                return;
            }
            if (sample.isEmpty()) {
                return; // a map the SDK does not model key by key
            }
            String type = actual.path("type").isTextual() ? actual.get("type").asText() : null;
            if (type != null && typed(sample) && !type.equals(sample.get("type").asText())) {
                best(path, actual, byType.getOrDefault(type, List.of()), byType, out);
                return;
            }
            for (Iterator<Entry<String, JsonNode>> it = actual.fields(); it.hasNext(); ) {
                Entry<String, JsonNode> field = it.next();
                if (!sample.has(field.getKey())) {
                    out.add(path + "." + field.getKey() + ": not in the sample");
                } else {
                    check(path + "." + field.getKey(), field.getValue(), sample.get(field.getKey()), byType, out);
                }
            }
        } else if (actual.isArray()) {
            if (!sample.isArray()) {
                out.add(path + ": an array where the sample has " + kind(sample));
                return;
            }
            if (sample.isEmpty()) {
                return; // elements the sample does not record
            }
            for (int i = 0; i < actual.size(); i++) {
                JsonNode element = actual.get(i);
                List<JsonNode> candidates = new ArrayList<>();
                sample.forEach(candidates::add);
                String type = element.path("type").isTextual() ? element.get("type").asText() : null;
                if (type != null && candidates.stream().anyMatch(SlackSamples::typed)) {
                    List<JsonNode> sameType = candidates.stream().filter(c -> type.equals(c.path("type").asText())).toList();
                    candidates = sameType.isEmpty() ? byType.getOrDefault(type, List.of()) : sameType;
                }
                best(path + "[" + i + "]", element, candidates, byType, out);
            }
        } else if (sample.isContainerNode()) {
            out.add(path + ": a value where the sample has " + kind(sample));
        }
    }

    /** Holds {@code actual} to the candidate it fits best (the fewest unknown keys); none at all is itself a finding. */
    private static void best(String path, JsonNode actual, List<JsonNode> candidates, Map<String, List<JsonNode>> byType, List<String> out) {
        if (candidates.isEmpty()) {
            out.add(path + ": the sample records no " + (actual.has("type") ? "'" + actual.get("type").asText() + "' " : "")
                    + "element here");
            return;
        }
        List<String> fewest = null;
        for (JsonNode candidate : candidates) {
            List<String> found = new ArrayList<>();
            check(path, actual, candidate, byType, found);
            if (fewest == null || found.size() < fewest.size()) {
                fewest = found;
            }
            if (fewest.isEmpty()) {
                break;
            }
        }
        out.addAll(fewest);
    }

    /** A sample object that names its variant (an empty placeholder {@code type} names none). */
    private static boolean typed(JsonNode sample) {
        return sample.path("type").isTextual() && !sample.get("type").asText().isEmpty();
    }

    private static String kind(JsonNode node) {
        return node.isObject() ? "an object" : node.isArray() ? "an array" : "a value";
    }

    /** Every object in a sample with a textual {@code type}, by that type: the variants of polymorphic fields. */
    private static Map<String, List<JsonNode>> byType(String samplePath) {
        return BY_TYPE.computeIfAbsent(samplePath, p -> {
            Map<String, List<JsonNode>> index = new HashMap<>();
            collect(cached(p), index);
            return index;
        });
    }

    private static void collect(JsonNode node, Map<String, List<JsonNode>> index) {
        if (node.isObject() && node.path("type").isTextual() && !node.get("type").asText().isEmpty()) {
            index.computeIfAbsent(node.get("type").asText(), t -> new ArrayList<>()).add(node);
        }
        node.forEach(child -> collect(child, index));
    }

    /** A java-slack-sdk model (blocks, a view) as the SDK sends it to Slack: snake case, nulls left out. */
    static JsonNode asSent(Object model) {
        try {
            return FakeSlackApi.JSON.readTree(GsonFactory.createSnakeCase().toJson(model));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The sample's values of these top-level keys (an object in the sample
     * starts empty): the start of an answer the fake fills in.
     */
    static ObjectNode only(String samplePath, String... keys) {
        JsonNode sample = cached(samplePath);
        ObjectNode out = FakeSlackApi.JSON.createObjectNode();
        for (String key : keys) {
            JsonNode value = sample.get(key);
            if (value != null) {
                out.set(key, value.isContainerNode() ? (value.isObject() ? FakeSlackApi.JSON.createObjectNode()
                        : FakeSlackApi.JSON.createArrayNode()) : value.deepCopy());
            }
        }
        return out;
    }
}
