package dev.btrbot.adapter.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.btrbot.core.port.Unavailable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * JSON over HTTP with the forum, politely ({@link PoliteLimits}). Every failure is an {@link Unavailable} whose message
 * names the request by method and path only — never a header, so never the API key: an answer over 5xx, a timeout or
 * no connection ("read again at the next poll"), a 4xx with the forum's own first error, a 429 waited out when short
 * and reported when long.
 */
final class DiscourseHttp {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    static final String USER_AGENT = "btr-bot/0.1 (release go/no-go bot; forum watch)";
    /** A forum answer bigger than this is not one of the pages the bot reads. */
    static final int MAX_ANSWER_BYTES = 8 << 20;
    /** Sends of one request, short 429 waits included. */
    private static final int ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient client;
    private final PoliteLimits limits;

    DiscourseHttp(URI base, PoliteLimits limits) {
        this.base = base;
        this.limits = limits;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    URI base() {
        return base;
    }

    /** GETs {@code pathAndQuery} (starting with '/') anonymously. */
    JsonNode get(String pathAndQuery) {
        return send(request(pathAndQuery).GET(), "GET " + pathAndQuery, false).orElseThrow();
    }

    /** Like {@link #get}, but empty when the forum answers 404 or 403 (gone, or not for visitors). */
    Optional<JsonNode> find(String pathAndQuery) {
        return send(request(pathAndQuery).GET(), "GET " + pathAndQuery, true);
    }

    /** POSTs {@code body} as JSON to {@code path} with {@code headers} (the API key's, say; they never reach a message). */
    JsonNode post(String path, JsonNode body, Map<String, String> headers) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return send(b, "POST " + path, false).orElseThrow();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(REQUEST_TIMEOUT)
                .header("User-Agent", USER_AGENT).header("Accept", "application/json");
    }

    private Optional<JsonNode> send(HttpRequest.Builder builder, String what, boolean missingIsEmpty) {
        HttpRequest request = builder.build();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            limits.awaitTurn();
            int status;
            byte[] body;
            String retryAfter;
            try {
                HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                status = r.statusCode();
                retryAfter = r.headers().firstValue("Retry-After").orElse(null);
                try (InputStream in = r.body()) {
                    body = in.readNBytes(MAX_ANSWER_BYTES + 1);
                }
            } catch (HttpTimeoutException e) {
                throw new Unavailable("The forum did not answer " + what + " in time; it is read again at the next poll.");
            } catch (IOException e) {
                throw new Unavailable("The forum could not be reached for " + what + " (" + e.getClass().getSimpleName()
                        + "); it is read again at the next poll.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted while reading the forum");
            }
            if (status == 429) {
                limits.tooManyRequests(retryAfter);
                continue;
            }
            if (status >= 500) {
                throw new Unavailable("The forum answered " + status + " to " + what + "; it is read again at the next poll.");
            }
            if (missingIsEmpty && (status == 404 || status == 403)) {
                return Optional.empty();
            }
            if (status < 200 || status > 299) {
                throw new Unavailable("The forum refused " + what + " (" + status + firstError(body) + ").");
            }
            if (body.length > MAX_ANSWER_BYTES) {
                throw new Unavailable("The forum's answer to " + what + " is over " + (MAX_ANSWER_BYTES >> 20) + " MB; not read.");
            }
            try {
                return Optional.of(JSON.readTree(body));
            } catch (IOException e) {
                throw new Unavailable("The forum answered " + what + " with something that is not JSON.");
            }
        }
        throw new Unavailable("The forum kept answering 429 Too Many Requests to " + what + "; it is read again at the next poll.");
    }

    /** Discourse's {@code {"errors": ["…"]}}, first one, as plain short text; empty when there is none. */
    private static String firstError(byte[] body) {
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                String text = Excerpts.plainText(errors.get(0).asText());
                return ": " + (text.length() > 200 ? text.substring(0, 199) + "…" : text);
            }
        } catch (IOException | RuntimeException e) {
            // not Discourse's error shape: the status says enough
        }
        return "";
    }
}
