package dev.btrbot.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.methods.Methods;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which bot scope each Web API method btr-bot calls needs (Slack's method
 * reference, docs.slack.dev/reference/methods, "Required scopes"), which
 * methods the code calls, and which scopes slack/manifest.json grants.
 */
final class SlackScopes {
    static final Path MANIFEST = Path.of("slack", "manifest.json");
    static final Path SOURCES = Path.of("src", "main", "java", "dev", "btrbot", "adapter", "slack");

    /** Bot scopes by method; an empty set: the method needs none. */
    static final Map<String, Set<String>> NEEDED = Map.of(
            "auth.test", Set.of(),
            "chat.postMessage", Set.of("chat:write"),
            "chat.update", Set.of("chat:write"),
            "chat.postEphemeral", Set.of("chat:write"),
            "chat.delete", Set.of("chat:write"),
            "views.open", Set.of(),
            "views.update", Set.of(),
            "views.push", Set.of(),
            "conversations.open", Set.of("im:write"),
            "users.info", Set.of("users:read"));

    /**
     * Methods Bolt calls for us: auth.test (its single-workspace authorization)
     * and apps.connections.open (Socket Mode, with the app-level token, whose
     * scope connections:write is granted to that token and is no bot scope).
     */
    static final Set<String> CALLED_BY_BOLT = Set.of("auth.test");
    static final Set<String> APP_TOKEN_METHODS = Set.of("apps.connections.open");
    /** A member named after {@code .} or {@code ::}: where a client method is called or referred to. */
    private static final Pattern MEMBER = Pattern.compile("(?:\\.|::)\\s*([a-z][A-Za-z0-9]*)\\b");
    /** What a slash command needs, beside any method. */
    static final String SLASH_COMMANDS = "commands";

    private SlackScopes() {
    }

    /** The bot scopes slack/manifest.json (or another manifest) grants. */
    static Set<String> granted(JsonNode manifest) {
        Set<String> scopes = new TreeSet<>();
        manifest.at("/oauth_config/scopes/bot").forEach(s -> scopes.add(s.asText()));
        return scopes;
    }

    static JsonNode manifest() {
        try {
            return FakeSlackApi.JSON.readTree(Files.readString(MANIFEST));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Web API methods named in these sources: every method of the SDK's
     * {@link Methods} list whose client call ({@code chatPostMessage(},
     * {@code ::viewsOpen}) appears, plus those Bolt calls for us.
     */
    static Set<String> calledIn(Path sources) {
        StringBuilder code = new StringBuilder();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                code.append(Files.readString(f)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> names = new java.util.HashSet<>();
        Matcher m = MEMBER.matcher(code);
        while (m.find()) {
            names.add(m.group(1));
        }
        Set<String> called = new TreeSet<>(CALLED_BY_BOLT);
        for (String method : allMethods()) {
            if (names.contains(clientName(method))) {
                called.add(method);
            }
        }
        return called;
    }

    /** What the manifest lacks for these methods (and for /btr), as "method: why" lines; empty when it grants all. */
    static List<String> missing(Set<String> methods, Set<String> granted) {
        List<String> out = new ArrayList<>();
        if (!granted.contains(SLASH_COMMANDS)) {
            out.add("/btr: needs '" + SLASH_COMMANDS + "', which the manifest does not grant");
        }
        for (String method : methods) {
            if (APP_TOKEN_METHODS.contains(method)) {
                continue;
            }
            Set<String> needed = NEEDED.get(method);
            if (needed == null) {
                out.add(method + ": no scope known for it; look it up at docs.slack.dev/reference/methods/" + method
                        + " and add it to SlackScopes.NEEDED");
                continue;
            }
            for (String scope : needed) {
                if (!granted.contains(scope)) {
                    out.add(method + ": needs '" + scope + "', which the manifest does not grant");
                }
            }
        }
        return out;
    }

    /** {@code chat.postMessage} → {@code chatPostMessage}: the MethodsClient name of a method. */
    static String clientName(String method) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : method.toCharArray()) {
            if (c == '.') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** Every Web API method java-slack-sdk knows (its {@link Methods} constants). */
    static Set<String> allMethods() {
        Set<String> methods = new TreeSet<>();
        for (Field f : Methods.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    methods.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return methods;
    }
}
