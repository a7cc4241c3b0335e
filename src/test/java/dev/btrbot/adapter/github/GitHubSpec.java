package dev.btrbot.adapter.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import dev.btrbot.testing.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub's own OpenAPI description of api.github.com ({@code wire/github/openapi/github-rest-subset.json},
 * from {@code @octokit/openapi} 23.0.2, every {@code $ref} resolved) held against what a fake GitHub
 * receives and sends. A request must name a path template the description has, a method it has
 * there, only query parameters that operation declares (with values of their type and in their
 * enum, {@code per_page} at most 100) and every required one. A response body must validate against
 * the schema the operation gives for that status (OpenAPI 3.0 flavour: {@code nullable}); a status
 * without content must come without a body. Each check answers the violations in words, none when
 * the exchange is one GitHub could have.
 */
final class GitHubSpec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile GitHubSpec loaded;

    /**
     * The description's own quirks, each with why it is allowed. Nothing else is.
     *
     * <ul>
     * <li>{@code GET /repos/{owner}/{repo}/statuses/{ref}}: the legacy route of "List commit
     *     statuses for a reference", which github-api calls; the description names it only in
     *     that operation's text, so it is checked as {@code /commits/{ref}/statuses}.</li>
     * <li>401, 403, 404, 410 and 429 on any operation, checked against the description's "Basic Error":
     *     it lists a bad token, a rate limit (primary or secondary: "403 or 429", per GitHub's
     *     "Rate limits for the REST API"), a missing repository and a deleted issue only on some
     *     operations, but GitHub answers them on every one.</li>
     * <li>A git reference as the last path parameter ({@code ref}, {@code basehead}, {@code branch},
     *     {@code tag}) may hold slashes, as branch names do ({@code compare/FIX...open-release/koa.master}):
     *     GitHub takes them so, the description types them as one path segment. Only when no
     *     template fits the path segment by segment.</li>
     * <li>304 Not Modified, without a body, on any GET: the answer to a conditional request
     *     ({@code If-None-Match}, GitHub's "Best practices for using the REST API"), listed by the
     *     description only on some operations.</li>
     * </ul>
     */
    private static final Map<String, String> LEGACY_ROUTES = Map.of(
            "/repos/{owner}/{repo}/statuses/{ref}", "/repos/{owner}/{repo}/commits/{ref}/statuses");
    private static final Set<String> REFS_WITH_SLASHES = Set.of("ref", "basehead", "branch", "tag");
    private static final Set<Integer> ANSWERED_EVERYWHERE = Set.of(401, 403, 404, 410, 429);
    /** GitHub's documented page size cap ("max 100") on every {@code per_page}. */
    static final int MAX_PER_PAGE = 100;

    private final JsonNode paths;
    private final List<Template> templates = new ArrayList<>();
    private final JsonNode basicError;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    /** One path template split into segments; {@code {name}} segments are parameters. */
    private record Template(String path, String[] segments, int literals) {
        static Template of(String path) {
            String[] segments = path.substring(1).split("/");
            int literals = 0;
            for (String s : segments) {
                literals += s.startsWith("{") ? 0 : 1;
            }
            return new Template(path, segments, literals);
        }

        /** Path parameters by name, or null when the path does not fit; {@code lastTakesRest}: a last git reference may hold slashes. */
        Map<String, String> match(String[] actual, boolean lastTakesRest) {
            String last = segments[segments.length - 1];
            boolean rest = lastTakesRest && last.startsWith("{") && REFS_WITH_SLASHES.contains(last.substring(1, last.length() - 1))
                    && actual.length > segments.length;
            if (actual.length != segments.length && !rest) {
                return null;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < segments.length; i++) {
                String want = segments[i];
                String got = i == segments.length - 1 && rest ? String.join("/", java.util.Arrays.copyOfRange(actual, i, actual.length))
                        : actual[i];
                if (want.startsWith("{")) {
                    if (got.isEmpty()) {
                        return null;
                    }
                    params.put(want.substring(1, want.length() - 1), URLDecoder.decode(got, StandardCharsets.UTF_8));
                } else if (!want.equals(got)) {
                    return null;
                }
            }
            return params;
        }
    }

    /** The operation a request names, and its path parameters. */
    record Operation(String template, String method, JsonNode node, Map<String, String> pathParams) {
    }

    private GitHubSpec(JsonNode root) {
        this.paths = root.get("paths");
        paths.fieldNames().forEachRemaining(p -> templates.add(Template.of(p)));
        LEGACY_ROUTES.keySet().forEach(p -> templates.add(Template.of(p)));
        templates.sort((a, b) -> Integer.compare(b.literals(), a.literals()));
        this.basicError = paths.get("/repos/{owner}/{repo}/issues/{issue_number}").get("get").get("responses").get("404")
                .get("content").get("application/json").get("schema");
        // OpenAPI 3.0's dialect, plus GitHub's own annotation (it says when a field goes away; it asserts nothing)
        JsonMetaSchema dialect = JsonMetaSchema.builder(OpenApi30.getInstance())
                .keyword(new NonValidationKeyword("x-github-breaking-changes")).build();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                b -> b.metaSchema(dialect).defaultMetaSchemaIri(dialect.getIri()));
        this.config = SchemaValidatorsConfig.builder().nullableKeywordEnabled(true).formatAssertionsEnabled(true).build();
    }

    /** The description, read once per test run. */
    static GitHubSpec load() {
        GitHubSpec spec = loaded;
        if (spec == null) {
            synchronized (GitHubSpec.class) {
                if (loaded == null) {
                    try {
                        loaded = new GitHubSpec(JSON.readTree(Wire.path("github/openapi/github-rest-subset.json").toFile()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                spec = loaded;
            }
        }
        return spec;
    }

    /** A copy of the first example the description gives for a GET's answer with this status (the fake builds on them). */
    JsonNode example(String template, int status) {
        JsonNode examples = paths.get(template).get("get").get("responses").get(Integer.toString(status)).get("content")
                .get("application/json").get("examples");
        return examples.elements().next().get("value").deepCopy();
    }

    /** The operation for a method and a path (without {@code /api/v3}), or null when the description has none. */
    Operation operation(String method, String rawPath) {
        String[] actual = rawPath.substring(1).split("/", -1);
        for (boolean lastTakesRest : new boolean[] {false, true}) {
            for (Template t : templates) {
                Map<String, String> params = t.match(actual, lastTakesRest);
                if (params == null) {
                    continue;
                }
                String described = LEGACY_ROUTES.getOrDefault(t.path(), t.path());
                JsonNode op = paths.get(described).get(method.toLowerCase(Locale.ROOT));
                if (op != null && pathParamsFit(op, params)) {
                    return new Operation(described, method, op, params);
                }
            }
        }
        return null;
    }

    private static boolean pathParamsFit(JsonNode op, Map<String, String> params) {
        for (JsonNode p : op.path("parameters")) {
            if ("path".equals(p.path("in").asText()) && params.containsKey(p.get("name").asText())
                    && !typeFits(p.path("schema"), params.get(p.get("name").asText()))) {
                return false;
            }
        }
        return true;
    }

    /** What is wrong with a request, in words; empty when GitHub's description allows it. */
    List<String> checkRequest(String method, String rawPath, String rawQuery) {
        List<String> wrong = new ArrayList<>();
        Operation op = operation(method, rawPath);
        if (op == null) {
            wrong.add(method + " " + rawPath + ": no operation in GitHub's description has this method and path");
            return wrong;
        }
        Map<String, JsonNode> declared = new LinkedHashMap<>();
        for (JsonNode p : op.node().path("parameters")) {
            if ("query".equals(p.path("in").asText())) {
                declared.put(p.get("name").asText(), p);
            }
        }
        Map<String, List<String>> query = query(rawQuery);
        String where = method + " " + op.template();
        query.forEach((name, values) -> {
            JsonNode p = declared.get(name);
            if (p == null) {
                wrong.add(where + ": query parameter '" + name + "' is not one the operation declares " + declared.keySet());
                return;
            }
            for (String v : values) {
                JsonNode schema = p.path("schema");
                if (!typeFits(schema, v)) {
                    wrong.add(where + ": " + name + "=" + v + " is not of type " + schema.path("type").asText());
                } else if (schema.has("enum") && !contains(schema.get("enum"), v)) {
                    wrong.add(where + ": " + name + "=" + v + " is not one of " + schema.get("enum"));
                } else if (name.equals("per_page") && Long.parseLong(v) > MAX_PER_PAGE) {
                    wrong.add(where + ": per_page=" + v + " is over GitHub's maximum of " + MAX_PER_PAGE);
                }
            }
        });
        declared.forEach((name, p) -> {
            if (p.path("required").asBoolean(false) && !query.containsKey(name)) {
                wrong.add(where + ": required query parameter '" + name + "' is missing");
            }
        });
        return wrong;
    }

    /**
     * What is wrong with a request's body, in words: a body where the operation takes none, none where it requires
     * one, or one its {@code application/json} schema does not allow; empty when GitHub's description allows it.
     */
    List<String> checkRequestBody(String method, String rawPath, String body) {
        Operation op = operation(method, rawPath);
        if (op == null) {
            return List.of(); // the request was already found wrong
        }
        String where = method + " " + op.template() + " (request body)";
        JsonNode requestBody = op.node().path("requestBody");
        boolean empty = body == null || body.isEmpty();
        if (requestBody.isMissingNode()) {
            return empty ? List.of() : List.of(where + ": the operation takes no body, the client sent one");
        }
        if (empty) {
            return requestBody.path("required").asBoolean(false) ? List.of(where + ": the operation requires a body, the client sent none")
                    : List.of();
        }
        JsonNode schema = requestBody.path("content").path("application/json").path("schema");
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        } catch (IOException e) {
            return List.of(where + ": the body is not JSON: " + e.getMessage());
        }
        JsonSchema compiled = schemas.computeIfAbsent(op.template() + " " + method + " request", k -> factory.getSchema(schema, config));
        List<String> wrong = new ArrayList<>();
        synchronized (compiled) {
            compiled.validate(parsed).forEach(m -> wrong.add(where + ": " + m.getMessage()));
        }
        return wrong;
    }

    /** What is wrong with a response, in words; empty when its body fits the operation's schema for its status. */
    List<String> checkResponse(String method, String rawPath, int status, String body) {
        Operation op = operation(method, rawPath);
        if (op == null) {
            return List.of(); // the request was already found wrong
        }
        String where = method + " " + op.template() + " → " + status;
        JsonNode response = op.node().path("responses").get(Integer.toString(status));
        JsonNode schema;
        if (response == null && status == 304 && method.equals("GET")) {
            return body == null || body.isEmpty() ? List.of() : List.of(where + ": a 304 has no body, the fake sent one");
        }
        if (response != null) {
            JsonNode content = response.path("content").path("application/json");
            if (content.isMissingNode()) {
                return body == null || body.isEmpty() ? List.of() : List.of(where + ": the description has no body for this status, the fake sent one");
            }
            schema = content.get("schema");
        } else if (ANSWERED_EVERYWHERE.contains(status)) {
            schema = basicError;
        } else {
            return List.of(where + ": the description lists no such status for this operation " + fieldNames(op.node().path("responses")));
        }
        if (body == null || body.isEmpty()) {
            return List.of(where + ": the description has a body for this status, the fake sent none");
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        } catch (IOException e) {
            return List.of(where + ": the body is not JSON: " + e.getMessage());
        }
        String key = op.template() + " " + method + " " + status;
        JsonSchema compiled = schemas.computeIfAbsent(key, k -> factory.getSchema(schema, config));
        List<String> wrong = new ArrayList<>();
        java.util.Set<ValidationMessage> messages;
        synchronized (compiled) { // one validation of a schema at a time: the fake answers on several threads
            messages = compiled.validate(parsed);
        }
        for (ValidationMessage m : messages) {
            wrong.add(where + ": " + m.getMessage());
        }
        return wrong;
    }

    private static boolean typeFits(JsonNode schema, String value) {
        String type = schema.path("type").asText("string");
        return switch (type) {
            case "integer" -> value.matches("-?[0-9]+");
            case "boolean" -> value.equals("true") || value.equals("false");
            case "number" -> value.matches("-?[0-9]+(\\.[0-9]+)?");
            default -> true;
        };
    }

    private static boolean contains(JsonNode values, String v) {
        for (JsonNode e : values) {
            if (e.asText().equals(v)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return q;
    }
}
