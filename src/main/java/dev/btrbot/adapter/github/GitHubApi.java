package dev.btrbot.adapter.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.RepoRef;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;

/**
 * One github-api client for the bot: the API endpoint ({@code GITHUB_API_URL},
 * for GitHub Enterprise and tests), the token, conditional requests, and
 * patient rate-limit handling. Turns the client's exceptions into one
 * sentence for people; the token never appears in one.
 */
public final class GitHubApi {
    public static final String PUBLIC_API = "https://api.github.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GitHub gitHub;
    private final ConditionalConnector connector;
    private final PatientLimits limits;
    private final String apiUrl;
    private final String webHost;

    private GitHubApi(GitHub gitHub, ConditionalConnector connector, PatientLimits limits, String apiUrl) {
        this.gitHub = gitHub;
        this.connector = connector;
        this.limits = limits;
        this.apiUrl = apiUrl;
        String host = URI.create(apiUrl).getHost();
        this.webHost = apiUrl.startsWith(PUBLIC_API) || host == null ? "github.com" : host;
    }

    /**
     * @param apiUrl  null for api.github.com
     * @param maxWait the longest a request waits for the core rate limit to reset, or for a secondary
     *                limit's back-off, before it fails (searches wait for their one-minute window regardless)
     */
    public static GitHubApi connect(String apiUrl, String token, Duration maxWait, Clock clock) {
        return connect(apiUrl, token, maxWait, clock, PatientLimits.REAL_SLEEP);
    }

    /** As {@link #connect(String, String, Duration, Clock)}, waiting for limits through {@code sleeper}. */
    static GitHubApi connect(String apiUrl, String token, Duration maxWait, Clock clock, PatientLimits.Sleeper sleeper) {
        String endpoint = apiUrl == null || apiUrl.isBlank() ? PUBLIC_API : apiUrl.replaceAll("/+$", "");
        PatientLimits limits = new PatientLimits(maxWait, clock, sleeper);
        ConditionalConnector connector = new ConditionalConnector(Duration.ofSeconds(20), 5_000, limits);
        try {
            // the connector keeps the limits; a limit answer never reaches the client's own handlers
            GitHub gh = new GitHubBuilder().withEndpoint(endpoint).withOAuthToken(token).withConnector(connector)
                    .withRateLimitHandler(GitHubRateLimitHandler.FAIL).withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
                    .build();
            return new GitHubApi(gh, connector, limits, endpoint);
        } catch (IOException e) {
            throw new IllegalStateException("cannot set up the GitHub client for " + endpoint + ": " + e.getMessage(), e);
        }
    }

    GitHub gitHub() {
        return gitHub;
    }

    ConditionalConnector connector() {
        return connector;
    }

    PatientLimits limits() {
        return limits;
    }

    /** Requests sent so far, and how many came back 304 (free of rate limit). */
    public long requests() {
        return connector.requests();
    }

    public long notModified() {
        return connector.notModified();
    }

    /** True for a repository on this GitHub: github.com, or the Enterprise host of the API url. */
    public boolean hosts(RepoRef repo) {
        return slug(repo).isPresent();
    }

    /** {@code owner/name} of a repository on this GitHub (github.com, or the Enterprise host of the API url). */
    Optional<String> slug(RepoRef repo) {
        Optional<String> github = repo.gitHubSlug();
        if (github.isPresent()) {
            return github;
        }
        String prefix = "https://" + webHost + "/";
        if (repo.url().startsWith(prefix)) {
            String rest = repo.url().substring(prefix.length());
            rest = rest.endsWith(".git") ? rest.substring(0, rest.length() - 4) : rest;
            return rest.split("/").length == 2 ? Optional.of(rest) : Optional.empty();
        }
        return Optional.empty();
    }

    /** One sentence for a failure of the whole call: unreachable, bad token, rate limit. */
    Unavailable unavailable(IOException e, String doing) {
        return new Unavailable(describe(e, doing));
    }

    String describe(IOException e, String doing) {
        if (e instanceof PatientLimits.LimitExceeded) {
            return e.getMessage();
        }
        Throwable limit = cause(e, PatientLimits.LimitExceeded.class);
        if (limit != null) {
            return limit.getMessage();
        }
        if (e instanceof GHFileNotFoundException) {
            return "GitHub found nothing while " + doing + " (404: deleted, renamed, or not visible to the token).";
        }
        if (e instanceof HttpException http) {
            int code = http.getResponseCode();
            if (code == 401) {
                return "GitHub refused the token (401 Bad credentials): check GITHUB_TOKEN.";
            }
            String said = gitHubSays(e);
            if ((code == 403 || code == 429) && said.toLowerCase(Locale.ROOT).contains("rate limit")) {
                return "GitHub's rate limit refused the request (" + code + ") while " + doing + ": " + said;
            }
            if (code == 403) {
                return "GitHub refused access (403) while " + doing + ": the token may lack a scope" + (said.isEmpty() ? "." : " (" + said + ").");
            }
            if (code == 410) {
                return "GitHub says what it was asked for is gone (410) while " + doing + (said.isEmpty() ? "." : ": " + said);
            }
            if (code == 422) {
                if (said.contains(MUST_NAME_TYPE)) {
                    return "GitHub refused the search while " + doing + " (422: " + said
                            + "): every issue search must say is:issue or is:pull-request.";
                }
                if (namesSomethingMissing(e)) {
                    return "GitHub could not run the query while " + doing
                            + " (422: a repository, milestone or label it names does not exist or is not visible to the token).";
                }
                return "GitHub could not run the query while " + doing + " (422" + (said.isEmpty() ? "" : ": " + said) + ").";
            }
            if (code >= 500) {
                return "GitHub answered " + code + " while " + doing + "; it may be down.";
            }
            if (code > 0) {
                return "GitHub answered " + code + " while " + doing + ".";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = cause(e, java.net.ConnectException.class) != null || root instanceof java.nio.channels.ClosedChannelException
                ? "connection refused"
                : root instanceof java.net.UnknownHostException ? "unknown host"
                : root instanceof java.net.http.HttpTimeoutException || root instanceof java.net.SocketTimeoutException ? "timed out"
                : root.getClass().getSimpleName().replace("Exception", "").toLowerCase(Locale.ROOT);
        return "GitHub is unreachable at " + apiUrl + " (" + why + ").";
    }

    /** Part of GitHub's 422 for an issue search that names neither is:issue nor is:pull-request. */
    static final String MUST_NAME_TYPE = "Query must include 'is:issue' or 'is:pull-request'";
    /** Part of GitHub's 422 for a search naming a repository, user or org that does not exist or that the token cannot see. */
    static final String CANNOT_BE_SEARCHED = "cannot be searched";

    /** True for GitHub's 422 that says a repository (or user, org) the query names cannot be searched. */
    static boolean namesSomethingMissing(IOException e) {
        return statusOf(e) == 422 && gitHubSays(e).contains(CANNOT_BE_SEARCHED);
    }

    /** GitHub's own words in an error answer: its {@code message} and each of its {@code errors[].message}, or "" when none. */
    static String gitHubSays(IOException e) {
        String text = e.getMessage();
        int json = text == null ? -1 : text.indexOf('{');
        if (json < 0) {
            return "";
        }
        try {
            JsonNode body = JSON.readTree(text.substring(json));
            List<String> said = new ArrayList<>();
            if (body.hasNonNull("message")) {
                said.add(body.get("message").asText());
            }
            for (JsonNode err : body.path("errors")) {
                if (err.hasNonNull("message") && !said.contains(err.get("message").asText())) {
                    said.add(err.get("message").asText());
                }
            }
            return String.join(": ", said);
        } catch (IOException notJson) {
            return "";
        }
    }

    private static Throwable cause(Throwable t, Class<?> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return c;
            }
        }
        return null;
    }

    /** 404 Not Found, or 410 Gone (an issue deleted, or issues turned off, since it was listed): either way nothing to read. */
    static boolean notThere(IOException e) {
        int status = statusOf(e);
        return status == 404 || status == 410;
    }

    static int statusOf(IOException e) {
        if (e instanceof GHFileNotFoundException) {
            return 404;
        }
        return e instanceof HttpException http ? http.getResponseCode() : -1;
    }
}
