package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Client-Server API request ({@code /_matrix/client/v3}) over the JDK
 * HTTP client. A 429 {@code M_LIMIT_EXCEEDED} is waited out as the server
 * hints ({@code retry_after_ms}, else {@code Retry-After}; at most {@link
 * Timing#maxRateWait()}) and asked again, up to {@value #RATE_LIMIT_ROUNDS}
 * times; a network error or a 5xx is thrown as {@link MatrixClient.Transient},
 * any other 4xx as {@link MatrixClient.Rejected}. The access token goes in a
 * header and is never logged; a 401 for it is offered once to the {@link
 * Renewal}, and the request made again with the token it put in place.
 */
final class MatrixHttp {
    private static final Logger LOG = LoggerFactory.getLogger(MatrixHttp.class);
    private static final int RATE_LIMIT_ROUNDS = 20;

    /** Replaces a refused access token; false when it cannot (then the 401 is thrown). */
    interface Renewal {
        boolean renew(String refusedToken, String errcode);
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final Timing timing;
    private final Sleeper sleeper;
    private final Renewal renewal;
    private volatile String accessToken;

    MatrixHttp(URI base, String accessToken, Timing timing, Sleeper sleeper, Renewal renewal) {
        this.base = base;
        this.accessToken = accessToken;
        this.timing = timing;
        this.sleeper = sleeper;
        this.renewal = renewal;
    }

    boolean hasToken() {
        String token = accessToken;
        return token != null && !token.isBlank();
    }

    String token() {
        return accessToken;
    }

    void token(String token) {
        accessToken = token;
    }

    JsonNode call(String method, String path, Map<String, List<String>> query, Object body, Duration timeout, boolean auth) {
        String q = query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(base + "/_matrix/client/v3" + path + q);
        String text;
        try {
            text = body == null ? null : body instanceof String s ? s : MatrixClient.JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        boolean renewed = false;
        for (int round = 1; ; round++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
            String token = accessToken;
            if (auth && token != null && !token.isBlank()) {
                request.header("Authorization", "Bearer " + token);
            }
            request.method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
            if (text != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new MatrixClient.Transient(method + " " + path + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MatrixClient.Transient(method + " " + path + ": interrupted", e);
            }
            JsonNode answer = parse(response.body());
            int status = response.statusCode();
            if (status == 200) {
                return answer;
            }
            if (status == 429 && round < RATE_LIMIT_ROUNDS) {
                Duration wait = retryAfter(answer, response);
                LOG.info("{} {} rate-limited (M_LIMIT_EXCEEDED); waiting {} ms as the homeserver asks", method, path, wait.toMillis());
                sleeper.pause(wait);
                continue;
            }
            String errcode = answer.path("errcode").asText("M_UNKNOWN");
            String error = answer.path("error").asText("");
            if (status >= 500 || status == 429) {
                throw new MatrixClient.Transient(method + " " + path + ": " + status + " " + errcode + " " + error, null);
            }
            if (status == 401 && auth && !renewed && renewal.renew(token, errcode)) {
                renewed = true;
                continue;
            }
            throw new MatrixClient.Rejected(status, errcode, error);
        }
    }

    private Duration retryAfter(JsonNode answer, HttpResponse<String> response) {
        Duration wait;
        if (answer.hasNonNull("retry_after_ms")) {
            wait = Duration.ofMillis(Math.max(0, answer.path("retry_after_ms").asLong()));
        } else {
            wait = response.headers().firstValue("Retry-After").map(v -> {
                try {
                    return Duration.ofSeconds(Long.parseLong(v.strip()));
                } catch (NumberFormatException e) {
                    return timing.backoffBase();
                }
            }).orElse(timing.backoffBase());
        }
        return wait.compareTo(timing.maxRateWait()) > 0 ? timing.maxRateWait() : wait;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? MatrixClient.JSON.createObjectNode() : MatrixClient.JSON.readTree(body);
        } catch (IOException e) {
            return MatrixClient.JSON.createObjectNode();
        }
    }
}
