package dev.btrbot.adapter.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * The github-api client's HTTP, on the JDK's HttpClient, with conditional
 * requests: every GET that came back with an {@code ETag} is asked again with
 * {@code If-None-Match}, and a {@code 304 Not Modified} (which GitHub does not
 * count against the rate limit) is handed to the client as the stored
 * {@code 200} body with the fresh rate-limit headers. The library's own cache
 * needs OkHttp; this needs nothing. Bodies are kept in memory, the least
 * recently used dropped past {@code maxEntries}. GitHub's rate limits are
 * kept through {@link PatientLimits}: before each request it may wait (or
 * refuse), and a response refused for a limit is sent again after the wait it
 * asks for. A page of search results that says {@code incomplete_results: true}
 * is noted for the thread that asked. Counts every request sent, and how many
 * of them were answered 304. Never logs: the Authorization header is only
 * passed on.
 */
final class ConditionalConnector implements GitHubConnector {
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;
    private final Map<String, Cached> cache;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final ThreadLocal<Boolean> lastWasNotModified = ThreadLocal.withInitial(() -> false);
    private final ThreadLocal<Boolean> sawIncomplete = ThreadLocal.withInitial(() -> false);
    private final PatientLimits limits;

    private record Cached(String etag, int status, Map<String, List<String>> headers, byte[] body) {
    }

    ConditionalConnector(Duration timeout, int maxEntries, PatientLimits limits) {
        this.limits = limits;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.cache = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > maxEntries;
            }
        });
    }

    long requests() {
        return requests.get();
    }

    long notModified() {
        return notModified.get();
    }

    /** True when the last response this thread received was a 304 served from the cache. */
    boolean lastWasNotModified() {
        return lastWasNotModified.get();
    }

    /** Forgets, for this thread, any incomplete search page seen so far. */
    void clearIncomplete() {
        sawIncomplete.set(false);
    }

    /** True when a search page this thread received since {@link #clearIncomplete} said {@code incomplete_results: true}. */
    boolean sawIncomplete() {
        return sawIncomplete.get();
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        String url = request.url().toString();
        boolean get = request.method().equals("GET");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        request.allHeaders().forEach((name, values) -> {
            if (name != null && !RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        b.setHeader("Accept-Encoding", "identity");
        Cached cached = get ? cache.get(key(request)) : null;
        if (cached != null) {
            b.setHeader("If-None-Match", cached.etag());
        }
        if (request.hasBody()) {
            byte[] body = request.body().readAllBytes();
            if (request.contentType() != null) {
                b.setHeader("Content-Type", request.contentType());
            }
            b.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            b.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        String resource = PatientLimits.resourceOf(request.url().getPath());
        HttpRequest built = b.build();
        HttpResponse<byte[]> response;
        Map<String, List<String>> headers;
        for (int attempt = 1; ; attempt++) {
            limits.awaitTurn(resource);
            try {
                requests.incrementAndGet();
                response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while talking to GitHub");
            }
            headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(response.headers().map());
            Map<String, List<String>> seen = headers;
            String limited = limits.observe(resource, response.statusCode(), name -> header(seen, name), response.body());
            if (limited == null) {
                break;
            }
            if (attempt == PatientLimits.ATTEMPTS) {
                throw new PatientLimits.LimitExceeded(limited);
            }
        }
        if (resource.equals("search") && (response.statusCode() == 200 || response.statusCode() == 304)) {
            byte[] page = response.statusCode() == 304 && cached != null ? cached.body() : response.body();
            sawIncomplete.set(sawIncomplete.get() || incomplete(page));
        }
        if (response.statusCode() == 304 && cached != null) {
            notModified.incrementAndGet();
            lastWasNotModified.set(true);
            Map<String, List<String>> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            merged.putAll(cached.headers());
            headers.forEach((k, v) -> {
                if (k.toLowerCase(java.util.Locale.ROOT).startsWith("x-ratelimit")) {
                    merged.put(k, v);
                }
            });
            return new Response(request, cached.status(), merged, cached.body());
        }
        lastWasNotModified.set(false);
        String etag = header(headers, "ETag");
        if (get && response.statusCode() == 200 && etag != null) {
            cache.put(key(request), new Cached(etag, 200, headers, response.body()));
        }
        return new Response(request, response.statusCode(), headers, response.body());
    }

    private static boolean incomplete(byte[] searchPage) {
        try {
            return JSON.readTree(searchPage).path("incomplete_results").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** The cache is per token as well as per url, so two tokens never see each other's answers. */
    private static String key(GitHubConnectorRequest request) {
        String auth = request.header("Authorization");
        return (auth == null ? "" : Integer.toHexString(auth.hashCode())) + " " + request.header("Accept") + " " + request.url();
    }

    private static String header(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static final class Response extends GitHubConnectorResponse.ByteArrayResponse {
        private final byte[] body;

        Response(GitHubConnectorRequest request, int status, Map<String, List<String>> headers, byte[] body) {
            super(request, status, headers);
            this.body = body;
        }

        @Override
        protected InputStream rawBodyStream() {
            return new ByteArrayInputStream(body);
        }
    }
}
