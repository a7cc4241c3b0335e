package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.UnknownKeywordFactory;
import com.networknt.schema.ValidationMessage;
import dev.btrbot.testing.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Matrix Client-Server API as the official specification describes it
 * (src/test/resources/wire/matrix/spec: matrix-org/matrix-spec {@code data/}, Apache-2.0), as a checker of what goes
 * over the wire: a request against its operation (path template, path and query parameters by name and schema, the
 * request body's schema), a response against the schema for its operation and status, and every event in it against
 * its event schema ({@code event-schemas/schema/<type>.yaml}, for {@code m.room.message} also the schema of its
 * {@code msgtype}). Content that relates to another event is held to {@code wire/matrix/relations.schema.yaml}, the
 * spec's prose on replies, threads and edits written as a schema. Every method returns the deviations found, in
 * words; none means conformant.
 *
 * <p>Where the spec's own files and its prose disagree, the prose wins. The allow-list (each entry is commented where
 * it applies, marked ALLOW-LIST, with the part of the spec that settles it):
 * <ol>
 * <li>a 5xx the operation does not list is a proxy's answer, not the homeserver's: not checked;</li>
 * <li>a 4xx the operation does not list is the standard error response ({@code errcode}, {@code error}; 429: the
 *     rate-limited error), which every endpoint may answer;</li>
 * <li>events in {@code /sync} carry no {@code room_id}, which the event schemas require: checked with the room they
 *     are listed under;</li>
 * <li>a message event sent under a state event's type (any client may) is checked as a room event, not against that
 *     type's state event schema;</li>
 * <li>{@code getRoomStateWithKey} with {@code format=event}: the operation's {@code oneOf} [any object, a state event]
 *     cannot pass a whole event, which is held to the state event schemas instead;</li>
 * <li>a reply without another relationship has {@code m.relates_to} without {@code rel_type} and {@code event_id},
 *     which the {@code m.relates_to} definition requires (relations.schema.yaml, from rich_replies.md);</li>
 * <li>{@code GET /rooms/{roomId}/state/{eventType}/} with an empty state key: "the trailing slash … is optional".</li>
 * </ol>
 */
final class MatrixSpec {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The spec's size limit of a whole event (client-server-api "Size limits"). */
    static final int MAX_EVENT_BYTES = 65_536;
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete");
    /** Keywords of OpenAPI and of the spec's own extensions: descriptive, nothing to validate. */
    private static final Set<String> DESCRIPTIVE = Set.of("openapi", "info", "paths", "servers", "components", "tags", "security",
            "example", "summary", "operationId", "parameters", "requestBody", "responses");

    private static volatile MatrixSpec loaded;

    private final Path root;
    private final List<Operation> operations = new ArrayList<>();
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final Map<String, Boolean> eventSchemas = new ConcurrentHashMap<>();
    private final Map<String, java.util.Optional<Match>> matches = new ConcurrentHashMap<>();
    private final Map<String, Boolean> stateTypes = new ConcurrentHashMap<>();

    /** One operation of the API: method and path template (with the file's base path), where it is described. */
    record Operation(String method, String template, Pattern regex, List<String> names, Path file, String pointer, JsonNode node,
                     JsonNode document) {
        String id() {
            return node.path("operationId").asText(method + " " + template);
        }

        int literals() {
            return template.replaceAll("\\{[^}]*}", "").length();
        }
    }

    /** The spec in the repository, loaded once per test run. */
    static MatrixSpec get() {
        MatrixSpec s = loaded;
        if (s == null) {
            synchronized (MatrixSpec.class) {
                if (loaded == null) {
                    loaded = new MatrixSpec(Wire.path("matrix"));
                }
                s = loaded;
            }
        }
        return s;
    }

    private MatrixSpec(Path wire) {
        this.root = wire;
        JsonMetaSchema base = JsonMetaSchema.getV202012();
        UnknownKeywordFactory unknown = UnknownKeywordFactory.getInstance();
        JsonMetaSchema meta = JsonMetaSchema.builder(base).unknownKeywordFactory((keyword, context) ->
                keyword.startsWith("x-") || DESCRIPTIVE.contains(keyword) ? new NonValidationKeyword(keyword)
                        : unknown.getKeyword(keyword, context)).build();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.metaSchema(meta).defaultMetaSchemaIri(meta.getIri()));
        try (Stream<Path> files = Files.list(wire.resolve("spec/api/client-server"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                index(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        operations.sort(Comparator.comparingInt(Operation::literals).reversed());
    }

    private void index(Path file) throws IOException {
        JsonNode doc = YAML.readTree(file.toFile());
        String basePath = doc.at("/servers/0/variables/basePath/default").asText("");
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String template = basePath + path.getKey();
                List<String> names = new ArrayList<>();
                StringBuilder regex = new StringBuilder("^");
                Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
                int at = 0;
                while (m.find()) {
                    regex.append(Pattern.quote(template.substring(at, m.start()))).append("([^/]*)");
                    names.add(m.group(1));
                    at = m.end();
                }
                regex.append(Pattern.quote(template.substring(at))).append('$');
                operations.add(new Operation(op.getKey().toUpperCase(java.util.Locale.ROOT), template, Pattern.compile(regex.toString()),
                        names, file, "/paths/" + escape(path.getKey()) + "/" + op.getKey(), op.getValue(), doc));
            }
        }
    }

    private static String escape(String pointerToken) {
        return pointerToken.replace("~", "~0").replace("/", "~1");
    }

    // ---- what goes over the wire ----

    /** The operation a request is for, with its path parameters decoded; null when the spec has none. */
    record Match(Operation op, Map<String, String> params) {
    }

    Match find(String method, String rawPath) {
        return matches.computeIfAbsent(method + " " + rawPath, k -> match(method, rawPath)).orElse(null);
    }

    private java.util.Optional<Match> match(String method, String rawPath) {
        for (String path : List.of(rawPath, rawPath + "/")) {   // room_state: "the trailing slash … is optional" for an empty stateKey
            for (Operation op : operations) {
                if (!op.method().equals(method)) {
                    continue;
                }
                Matcher m = op.regex().matcher(path);
                if (m.matches()) {
                    Map<String, String> params = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < op.names().size(); i++) {
                        params.put(op.names().get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
                    }
                    return java.util.Optional.of(new Match(op, params));
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** A request the bot sends: its operation exists, its path and query parameters and its body are as described. */
    List<String> request(String method, String rawPath, Map<String, List<String>> query, String body) {
        List<String> out = new ArrayList<>();
        Match match = find(method, rawPath);
        if (match == null) {
            out.add(method + " " + rawPath + ": no such operation in the Client-Server API");
            return out;
        }
        Operation op = match.op();
        String where = op.id() + " (" + method + " " + rawPath + ")";
        List<Parameter> params = parameters(op);
        for (Parameter p : params) {
            if (p.in().equals("path")) {
                String value = match.params().get(p.name());
                validate(p.schema(), value == null ? null : JsonNodeFactory.instance.textNode(value))
                        .forEach(e -> out.add(where + ": path parameter " + p.name() + " " + e));
            }
            if (p.in().equals("query") && p.required() && !query.containsKey(p.name())) {
                out.add(where + ": required query parameter '" + p.name() + "' is missing");
            }
        }
        for (Map.Entry<String, List<String>> q : query.entrySet()) {
            Parameter p = params.stream().filter(x -> x.in().equals("query") && x.name().equals(q.getKey())).findFirst().orElse(null);
            if (p == null) {
                out.add(where + ": query parameter '" + q.getKey() + "' is not in the spec");
                continue;
            }
            JsonNode value = queryValue(p, q.getValue());
            if (value == null) {
                out.add(where + ": query parameter '" + q.getKey() + "' = " + q.getValue() + " is not a " + p.type());
                continue;
            }
            validate(p.schema(), value).forEach(e -> out.add(where + ": query parameter " + q.getKey() + " " + e));
        }
        JsonNode requestBody = op.node().path("requestBody");
        boolean hasBody = body != null && !body.isEmpty();
        if (requestBody.isMissingNode()) {
            if (hasBody) {
                out.add(where + ": a body where the spec has none");
            }
            return out;
        }
        if (!hasBody) {
            if (requestBody.path("required").asBoolean(false)) {
                out.add(where + ": the spec requires a JSON body");
            }
            return out;
        }
        JsonNode json = parse(body, where + ": request body", out);
        if (json != null) {
            validate(op, op.pointer() + "/requestBody/content/application~1json/schema", json)
                    .forEach(e -> out.add(where + ": request body " + e));
            // the body of these is an event's content, or account data, of the type in the path
            if (op.id().equals("sendMessage")) {
                content(match.params().get("eventType"), json).forEach(e -> out.add(where + ": " + e));
            } else if (op.id().equals("setAccountData") && schemaFile(match.params().get("type")) != null) {
                validate(schemaFile(match.params().get("type")) + "#/properties/content", json)
                        .forEach(e -> out.add(where + ": content of " + match.params().get("type") + " " + e));
            }
        }
        return out;
    }

    /** A body the bot sends as an event's content ({@code PUT …/send/{eventType}/{txnId}}): held to the event schemas. */
    List<String> content(String type, JsonNode content) {
        ObjectNode event = JSON.createObjectNode().put("type", type).put("event_id", "$checked").put("sender", "@checked:example.org")
                .put("origin_server_ts", 0).put("room_id", "!checked:example.org");
        event.set("content", content);
        return event(event, null).stream().map(e -> "content of " + type + " " + e).toList();
    }

    /**
     * A response the fake sends: the schema of its operation and status, then the events in it. {@code query} is
     * the request's (a state event comes as content or, with {@code format=event}, as the event).
     */
    List<String> response(String method, String rawPath, Map<String, List<String>> query, int status, String body) {
        List<String> out = new ArrayList<>();
        Match match = find(method, rawPath);
        if (match == null) {
            return out;     // said for the request
        }
        Operation op = match.op();
        String where = op.id() + " " + status;
        JsonNode response = op.node().path("responses").path(Integer.toString(status));
        String pointer = op.pointer() + "/responses/" + status + "/content/application~1json/schema";
        if (response.isMissingNode()) {
            if (status >= 500) {
                // ALLOW-LIST: a 5xx the operation does not list comes from a proxy or a crash in front of the homeserver
                // (a 502 Bad Gateway page); the spec describes only what the homeserver answers.
                return out;
            }
            if (status < 400) {
                out.add(where + ": status " + status + " is not a response of " + op.id());
                return out;
            }
            // ALLOW-LIST: every endpoint may answer the standard error response ("Standard error response" and
            // "Common error codes" in client-server-api/_index.md: 401 M_UNKNOWN_TOKEN, 404 M_UNRECOGNIZED, …)
            // although few operations list those statuses; a 429 is the rate-limited error (M_LIMIT_EXCEEDED).
            JsonNode json = parse(body, where, out);
            if (json != null) {
                String file = status == 429 ? "definitions/errors/rate_limited.yaml" : "definitions/errors/error.yaml";
                validate("spec/api/client-server/" + file, json).forEach(e -> out.add(where + ": " + e));
            }
            return out;
        }
        if (response.path("content").path("application/json").path("schema").isMissingNode()) {
            return out;
        }
        JsonNode json = parse(body, where, out);
        if (json == null) {
            return out;
        }
        boolean wholeEvent = op.id().equals("getRoomStateWithKey") && query.getOrDefault("format", List.of()).contains("event");
        if (!wholeEvent) {
            validate(op, pointer, json).forEach(e -> out.add(where + ": " + e));
        }
        // ALLOW-LIST: rooms.yaml describes getRoomStateWithKey's 200 as oneOf [any object, a state event]; a whole event
        // (format=event) is both, so oneOf can never pass it. It is held to the state event schema of its type below.
        if (status == 200) {
            events(op, match.params(), query, json).forEach(e -> out.add(where + ": " + e));
        }
        return out;
    }

    /** The events inside a successful response of the operations that carry them. */
    private List<String> events(Operation op, Map<String, String> params, Map<String, List<String>> query, JsonNode json) {
        List<String> out = new ArrayList<>();
        switch (op.id()) {
            case "sync" -> {
                for (String section : List.of("join", "leave")) {
                    for (Iterator<Map.Entry<String, JsonNode>> rooms = json.path("rooms").path(section).fields(); rooms.hasNext(); ) {
                        Map.Entry<String, JsonNode> room = rooms.next();
                        for (String part : List.of("state", "timeline", "state_after")) {
                            int i = 0;
                            for (JsonNode ev : room.getValue().path(part).path("events")) {
                                String at = "rooms." + section + "." + room.getKey() + "." + part + ".events[" + i++ + "]";
                                event(ev, room.getKey()).forEach(e -> out.add(at + ": " + e));
                            }
                        }
                    }
                }
                for (Iterator<Map.Entry<String, JsonNode>> rooms = json.path("rooms").path("invite").fields(); rooms.hasNext(); ) {
                    Map.Entry<String, JsonNode> room = rooms.next();
                    int i = 0;
                    for (JsonNode ev : room.getValue().path("invite_state").path("events")) {
                        String at = "rooms.invite." + room.getKey() + ".invite_state.events[" + i++ + "]";
                        stripped(ev).forEach(e -> out.add(at + ": " + e));
                    }
                }
            }
            case "getRoomEvents" -> {
                for (String part : List.of("chunk", "state")) {
                    int i = 0;
                    for (JsonNode ev : json.path(part)) {
                        String at = part + "[" + i++ + "]";
                        event(ev, null).forEach(e -> out.add(at + ": " + e));
                    }
                }
            }
            case "getRoomStateWithKey" -> {
                String type = params.get("eventType");
                if (query.getOrDefault("format", List.of("content")).contains("event")) {
                    out.addAll(validate("spec/event-schemas/schema/core-event-schema/state_event.yaml", json));
                    out.addAll(event(json, null));
                } else if (schemaFile(type) != null) {
                    validate(schemaFile(type) + "#/properties/content", json).forEach(e -> out.add("content of " + type + " " + e));
                }
            }
            case "getAccountData" -> {
                String type = params.get("type");
                if (schemaFile(type) != null) {
                    validate(schemaFile(type) + "#/properties/content", json).forEach(e -> out.add("content of " + type + " " + e));
                }
            }
            default -> {
            }
        }
        return out;
    }

    /**
     * A room event as clients get it. {@code syncRoomId} is the room an event in {@code /sync} belongs to, null for
     * an event that must carry its {@code room_id}.
     */
    List<String> event(JsonNode event, String syncRoomId) {
        List<String> out = new ArrayList<>();
        JsonNode ev = event;
        if (syncRoomId != null) {
            // ALLOW-LIST: the event schemas require room_id (core-event-schema/room_event.yaml), which "will not be present
            // on events that arrive through /sync" (its own description; sync.yaml's events are ClientEventWithoutRoomID).
            // An event in /sync is checked with the room it is listed under.
            if (event.has("room_id")) {
                out.add("an event in /sync carries room_id, which the spec leaves out there (ClientEventWithoutRoomID)");
            }
            ev = event.deepCopy();
            ((ObjectNode) ev).put("room_id", syncRoomId);
        }
        String type = ev.path("type").asText("");
        String file = schemaFile(type);
        if (file != null && stateType(file) && !ev.has("state_key")) {
            // ALLOW-LIST: a client may send a message event of any type, a state event's type included (room_send.yaml
            // takes any eventType); the schema of that type describes the state event only. Such an event is checked as
            // a room event, and the bot must not take it for state.
            file = null;
        }
        validate(file != null ? file : "spec/event-schemas/schema/core-event-schema/room_event.yaml", ev).forEach(out::add);
        String msgtype = ev.path("content").path("msgtype").asText(null);
        if (type.equals("m.room.message") && msgtype != null && schemaFile("m.room.message$" + msgtype) != null) {
            validate(schemaFile("m.room.message$" + msgtype), ev).forEach(e -> out.add(msgtype + ": " + e));
        }
        out.addAll(relations(type, ev.path("content")));
        int bytes = ev.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_EVENT_BYTES) {
            out.add("the event is " + bytes + " bytes, over the spec's " + MAX_EVENT_BYTES);
        }
        return out;
    }

    /** An event of a room's state as an invite shows it: core-event-schema/stripped_state.yaml, and its content's schema. */
    List<String> stripped(JsonNode event) {
        List<String> out = new ArrayList<>(validate("spec/event-schemas/schema/core-event-schema/stripped_state.yaml", event));
        String file = schemaFile(event.path("type").asText(""));
        if (file != null) {
            validate(file + "#/properties/content", event.path("content")).forEach(e -> out.add("content " + e));
        }
        return out;
    }

    /** Content that relates to another event: relations.schema.yaml, and an edit's new content as content of its own type. */
    private List<String> relations(String type, JsonNode content) {
        List<String> out = new ArrayList<>(validate("relations.schema.yaml", content));
        JsonNode replacement = content.path("m.new_content");
        if (replacement.isObject() && !replacement.has("m.new_content")) {
            ObjectNode ev = JSON.createObjectNode().put("type", type).put("event_id", "$checked").put("sender", "@checked:example.org")
                    .put("origin_server_ts", 0).put("room_id", "!checked:example.org");
            ev.set("content", replacement);
            event(ev, null).forEach(e -> out.add("m.new_content: " + e));
        }
        return out;
    }

    // ---- schemas ----

    /** The event schema of a type, relative to the wire folder; null when the spec defines no such type. */
    String schemaFile(String type) {
        String relative = "spec/event-schemas/schema/" + type + ".yaml";
        if (type.isEmpty() || type.contains("/")) {
            return null;
        }
        return eventSchemas.computeIfAbsent(relative, r -> Files.isRegularFile(root.resolve(r))) ? relative : null;
    }

    /** True when the schema describes a state event (it builds on core-event-schema/state_event.yaml). */
    private boolean stateType(String file) {
        return stateTypes.computeIfAbsent(file, f -> {
            try {
                return YAML.readTree(root.resolve(f).toFile()).path("allOf").toString().contains("state_event.yaml");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Validates against a schema file (relative to the wire folder, with an optional {@code #/pointer}). */
    List<String> validate(String relative, JsonNode instance) {
        int hash = relative.indexOf('#');
        String file = hash < 0 ? relative : relative.substring(0, hash);
        String uri = root.resolve(file).toUri() + (hash < 0 ? "" : relative.substring(hash));
        return messages(schema(uri), instance);
    }

    private List<String> validate(Operation op, String pointer, JsonNode instance) {
        return messages(schema(op.file().toUri() + "#" + pointer), instance);
    }

    private List<String> validate(JsonNode schemaInOperation, JsonNode instance) {
        if (schemaInOperation == null) {
            return List.of();
        }
        return messages(schemas.computeIfAbsent("inline:" + schemaInOperation, k -> factory.getSchema(schemaInOperation, config)), instance);
    }

    private JsonSchema schema(String uri) {
        return schemas.computeIfAbsent(uri, u -> factory.getSchema(SchemaLocation.of(u), config));
    }

    private static List<String> messages(JsonSchema schema, JsonNode instance) {
        if (instance == null) {
            return List.of("is missing");
        }
        // one validation of a schema at a time: its $refs are resolved lazily on first use, and the fake answers on several threads
        synchronized (schema) {
            return schema.validate(instance).stream().map(ValidationMessage::getMessage).sorted().toList();
        }
    }

    /** A parameter of an operation, {@code $ref}s into the same file's components resolved. */
    record Parameter(String in, String name, boolean required, JsonNode schema) {
        String type() {
            return schema == null ? "string" : schema.path("type").asText("string");
        }
    }

    private static List<Parameter> parameters(Operation op) {
        List<Parameter> out = new ArrayList<>();
        for (JsonNode p : op.node().path("parameters")) {
            JsonNode param = p.has("$ref") ? op.document().at(p.path("$ref").asText().substring(1)) : p;
            JsonNode schema = param.path("schema");
            out.add(new Parameter(param.path("in").asText(), param.path("name").asText(), param.path("required").asBoolean(false),
                    schema.isMissingNode() || schema.has("$ref") ? null : schema));
        }
        return out;
    }

    /** The query values as the JSON the parameter's schema describes; null when they cannot be (a word for an integer). */
    private static JsonNode queryValue(Parameter p, List<String> values) {
        if (p.type().equals("array")) {
            ArrayNode array = JSON.createArrayNode();
            values.forEach(array::add);
            return array;
        }
        if (values.size() != 1) {
            return null;
        }
        String v = values.get(0);
        try {
            return switch (p.type()) {
                case "integer" -> JsonNodeFactory.instance.numberNode(Long.parseLong(v));
                case "number" -> JsonNodeFactory.instance.numberNode(Double.parseDouble(v));
                case "boolean" -> v.equals("true") || v.equals("false") ? JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(v)) : null;
                default -> JsonNodeFactory.instance.textNode(v);
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static JsonNode parse(String body, String where, List<String> out) {
        try {
            JsonNode json = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (json != null) {
                return json;
            }
        } catch (JsonProcessingException e) {
            // said below
        }
        String shown = body == null ? "" : body.substring(0, Math.min(60, body.length()));
        out.add(where + ": the body is not JSON: '" + shown + "'");
        return null;
    }
}
