package dev.btrbot.adapter.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.btrbot.testing.Wire;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GitHub REST API on 127.0.0.1 for tests and the benchmark, held to GitHub's
 * own OpenAPI description ({@link GitHubSpec}): every request it receives and
 * every body it sends is checked against it, a request the description does
 * not allow is answered 400 and a body it does not allow is replaced by a 500,
 * and {@link #close()} fails with every such violation, so no test passes on a
 * shape GitHub would not send. Its JSON is built from real answers: issues,
 * users, labels and milestones from the recordings in
 * {@code src/test/resources/wire/github/recordings} (hub4j/github-api, MIT,
 * tag github-api-1.330), repositories, check runs, statuses and issue events
 * from the description's own examples.
 *
 * <p>It behaves as api.github.com does today: an issue search must say
 * {@code is:issue} or {@code is:pull-request} (else GitHub's exact 422); a
 * search naming a repository that does not exist is the 422 "cannot be
 * searched"; at most 1,000 results; {@code incomplete_results} when told its
 * search times out; {@code Link} paging; weak ETags ({@code W/"…"}) compared
 * weakly against {@code If-None-Match}, a match answered 304 and not charged;
 * two budgets, {@code core} (5,000 an hour) and {@code search} (30 a minute),
 * in {@code X-RateLimit-*} headers with {@code X-RateLimit-Resource}, a
 * request past its budget answered 403 with nothing remaining; secondary rate
 * limits as 403 or 429, with or without {@code Retry-After}; 401 for a bad
 * token; 410 Gone for a deleted issue. Time is the clock it is given. It also
 * keeps a small commit graph per repository (commits with files and patches,
 * branches) and answers {@code compare}, {@code commits/{sha}} and
 * {@code commits?sha=&path=} over it. Served under {@code /api/v3} as well, as
 * GitHub Enterprise is. It counts every request it receives.
 */
public final class FakeGitHub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCS = "https://docs.github.com/rest";
    private static final String SEARCH_DOCS = "https://docs.github.com/rest/search/search#search-issues-and-pull-requests";
    private static final String LIMIT_DOCS = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api";
    /** GitHub's answer to an issue search that names neither is:issue nor is:pull-request. */
    static final String MUST_NAME_TYPE = "Query must include 'is:issue' or 'is:pull-request'";
    static final String CANNOT_BE_SEARCHED = "The listed users and repositories cannot be searched either because the resources do not exist"
            + " or you do not have permission to view them.";
    static final String SECONDARY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
            + " If you reach out to GitHub Support for help, please include the request ID 0000:1111:2222:3333:4444.";

    /**
     * One issue or pull request; {@code fixCommit} is the commit its closing event names.
     */
    public record FakeIssue(String repo, int number, String title, boolean open, List<String> labels, List<String> assignees,
                            String milestone, Instant created, Instant updated, Instant closed, String fixCommit, boolean pullRequest) {
        /** An issue (not a pull request). */
        public FakeIssue(String repo, int number, String title, boolean open, List<String> labels, List<String> assignees,
                         String milestone, Instant created, Instant updated, Instant closed, String fixCommit) {
            this(repo, number, title, open, labels, assignees, milestone, created, updated, closed, fixCommit, false);
        }
    }

    /** A commit; {@code patches} maps a file name to its unified diff ({@code null}: a binary file). */
    public record FakeCommit(String sha, int seq, String message, List<String> parents, Map<String, String> patches) {
    }

    /** One rate-limit budget: {@code limit} requests per {@code window}, the window starting with its first request. */
    private static final class Budget {
        final String resource;
        final int limit;
        final Duration window;
        int used;
        Instant reset;

        Budget(String resource, int limit, Duration window) {
            this.resource = resource;
            this.limit = limit;
            this.window = window;
        }

        void roll(Instant now) {
            if (reset == null || !now.isBefore(reset)) {
                used = 0;
                reset = Instant.ofEpochSecond(now.plus(window).getEpochSecond());
            }
        }
    }

    /** A secondary limit to answer with: status 403 or 429, {@code Retry-After} seconds or none. */
    private record Secondary(int status, Integer retryAfter) {
    }

    private final HttpServer server;
    private final Clock clock;
    private final GitHubSpec spec = GitHubSpec.load();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final ObjectNode compareTemplate;
    private final ObjectNode commitTemplate;
    private final ObjectNode fileTemplate;
    private final ObjectNode issueTemplate;
    private final ObjectNode userTemplate;
    private final ObjectNode labelTemplate;
    private final ObjectNode milestoneTemplate;
    private final ObjectNode repoTemplate;
    private final ObjectNode checkRunTemplate;
    private final ObjectNode statusTemplate;
    private final ObjectNode eventTemplate;
    private final FakePulls pulls;
    private final Map<String, Map<String, FakeCommit>> commits = new ConcurrentHashMap<>();
    /** Milestones by repository, their numbers their places in the list plus one. */
    private final Map<String, List<String>> milestones = new ConcurrentHashMap<>();
    /** The bodies of issues created through the API, by {@code repo#number}. */
    private final Map<String, String> createdBodies = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> branches = new ConcurrentHashMap<>();
    private final Map<String, Integer> busyEvents = new ConcurrentHashMap<>();
    private final Map<String, Integer> olderEvents = new ConcurrentHashMap<>();
    private final AtomicInteger commitSeq = new AtomicInteger();
    private volatile String webUrl = "https://github.com";
    private final List<FakeIssue> issues = new ArrayList<>();
    private final Set<String> repos = ConcurrentHashMap.newKeySet();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Map<String, String>>> checkRuns = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, String>>> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private final AtomicInteger refusedForLimits = new AtomicInteger();
    private final Map<String, AtomicInteger> byPath = new ConcurrentHashMap<>();
    private final List<String> ifNoneMatch = Collections.synchronizedList(new ArrayList<>());
    private final List<String> searches = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Budget> budgets = new HashMap<>();
    private final List<Secondary> secondaries = Collections.synchronizedList(new ArrayList<>());
    private volatile String refuseNextSearch;
    private volatile Predicate<FakeIssue> searchTimesOut;
    private volatile boolean eventsOldestFirstInAPage;
    private volatile UnaryOperator<JsonNode> alterNextBody;
    private volatile boolean badToken;

    public FakeGitHub() {
        this(Clock.systemUTC());
    }

    /** A fake whose rate-limit windows run on {@code clock}. */
    public FakeGitHub(Clock clock) {
        this.clock = clock;
        budgets.put("core", new Budget("core", 5_000, Duration.ofHours(1)));
        budgets.put("search", new Budget("search", 30, Duration.ofMinutes(1)));
        try {
            Path fixtures = fixtures();
            JsonNode search = JSON.readTree(Files.readString(fixtures.resolve("search-issues-page1.json")));
            issueTemplate = (ObjectNode) search.get("items").get(0).deepCopy();
            issueTemplate.remove("pull_request");
            issueTemplate.remove("score");
            userTemplate = (ObjectNode) issueTemplate.get("user").deepCopy();
            JsonNode withLabel = null;
            for (JsonNode item : search.get("items")) {
                if (item.get("labels").size() > 0) {
                    withLabel = item.get("labels").get(0);
                    break;
                }
            }
            labelTemplate = (ObjectNode) withLabel.deepCopy();
            milestoneTemplate = (ObjectNode) JSON.readTree(Files.readString(fixtures.resolve("milestone.json")));
            compareTemplate = (ObjectNode) JSON.readTree(Files.readString(fixtures.resolve("compare-contained.json")));
            commitTemplate = (ObjectNode) compareTemplate.get("commits").get(0).deepCopy();
            fileTemplate = (ObjectNode) compareTemplate.get("files").get(0).deepCopy();
            repoTemplate = (ObjectNode) spec.example("/repos/{owner}/{repo}", 200);
            repoTemplate.remove(List.of("parent", "source", "template_repository", "organization"));
            repoTemplate.putNull("language");
            checkRunTemplate = (ObjectNode) spec.example("/repos/{owner}/{repo}/commits/{ref}/check-runs", 200).get("check_runs").get(0);
            checkRunTemplate.putArray("pull_requests");
            statusTemplate = (ObjectNode) spec.example("/repos/{owner}/{repo}/commits/{ref}/statuses", 200).get(0);
            eventTemplate = (ObjectNode) spec.example("/repos/{owner}/{repo}/issues/events", 200).get(0);
            eventTemplate.remove("issue");
            eventTemplate.putNull("performed_via_github_app");
            pulls = new FakePulls(spec);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::handle);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path fixtures() {
        return Wire.path("github/recordings");
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void repo(String slug) {
        repos.add(slug.toLowerCase(Locale.ROOT));
    }

    /** Where issues live on the web ({@code html_url}); an Enterprise host instead of https://github.com. */
    public void webUrl(String url) {
        webUrl = url.replaceAll("/+$", "");
        pulls.webUrl(webUrl);
    }

    /** Its pull requests: merged ones to read, and those opened through the API. */
    public FakePulls pulls() {
        return pulls;
    }

    /** Adds a commit of a real git history (its sha as git made it), for answers about it. */
    public void commit(String repo, String sha, List<String> parents, String message) {
        commits.computeIfAbsent(repo.toLowerCase(Locale.ROOT), k -> new ConcurrentHashMap<>())
                .put(sha, new FakeCommit(sha, commitSeq.incrementAndGet(), message, List.copyOf(parents), Map.of()));
        repo(repo);
    }

    /**
     * Adds a commit to a repository's history and returns its sha.
     *
     * @param parent  null for a root commit
     * @param patches file name to unified diff, in the order GitHub lists them
     */
    public String commit(String repo, String parent, String message, Map<String, String> patches) {
        int seq = commitSeq.incrementAndGet();
        String sha = etag(repo + "\n" + parent + "\n" + message + "\n" + patches + "\n" + seq);
        commits.computeIfAbsent(repo.toLowerCase(Locale.ROOT), k -> new ConcurrentHashMap<>())
                .put(sha, new FakeCommit(sha, seq, message, parent == null ? List.of() : List.of(parent), new LinkedHashMap<>(patches)));
        repo(repo);
        return sha;
    }

    public void branch(String repo, String name, String sha) {
        branches.computeIfAbsent(repo.toLowerCase(Locale.ROOT), k -> new ConcurrentHashMap<>()).put(name, sha);
    }

    /** {@code n} events newer than every closing (labels, mentions…), listed first in the repository's issue events. */
    public void busy(String repo, int n) {
        busyEvents.put(repo.toLowerCase(Locale.ROOT), n);
    }

    /** {@code n} events older than every closing, listed after them in the repository's issue events. */
    public void olderEvents(String repo, int n) {
        olderEvents.put(repo.toLowerCase(Locale.ROOT), n);
    }

    /**
     * Lists each page of a repository's issue events oldest first (the pages
     * still go from newest to oldest): GitHub documents no order for them.
     */
    public void eventsOldestFirstInAPage(boolean on) {
        eventsOldestFirstInAPage = on;
    }

    public void deleteRepo(String slug) {
        repos.remove(slug.toLowerCase(Locale.ROOT));
    }

    public synchronized void issue(FakeIssue issue) {
        issues.removeIf(i -> i.repo().equals(issue.repo()) && i.number() == issue.number());
        issues.add(issue);
        repo(issue.repo());
    }

    /** The repository has a milestone with this title (numbered in the order they are added). */
    public synchronized void milestone(String repo, String title) {
        repo(repo);
        milestones.computeIfAbsent(repo.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(title);
    }

    /** The body an issue created through the API was given. */
    public String createdBody(String repo, int number) {
        return createdBodies.get(repo.toLowerCase(Locale.ROOT) + "#" + number);
    }

    /** The issue was deleted: the search still lists it for a while, but it and its events answer 410 Gone. */
    public void gone(String repo, int number) {
        gone.add(repo.toLowerCase(Locale.ROOT) + "#" + number);
    }

    public void checkRun(String repo, String sha, String name, String status, String conclusion) {
        checkRuns.computeIfAbsent(repo.toLowerCase(Locale.ROOT) + "@" + sha, k -> new ArrayList<>())
                .add(Map.of("name", name, "status", status, "conclusion", conclusion == null ? "" : conclusion));
    }

    public void status(String repo, String sha, String context, String state) {
        statuses.computeIfAbsent(repo.toLowerCase(Locale.ROOT) + "@" + sha, k -> new ArrayList<>())
                .add(0, Map.of("context", context, "state", state));
    }

    /** Uses up a budget ({@code core} or {@code search}) until {@code untilReset} from now: requests to it get 403, nothing remaining. */
    public synchronized void exhaust(String resource, Duration untilReset) {
        Budget b = budgets.get(resource);
        b.used = b.limit;
        b.reset = Instant.ofEpochSecond(clock.instant().plus(untilReset).getEpochSecond());
    }

    /** The next request gets a secondary rate limit: {@code status} 403 or 429, {@code Retry-After} seconds or null for none. */
    public void secondaryLimitNext(int status, Integer retryAfterSeconds) {
        secondaries.add(new Secondary(status, retryAfterSeconds));
    }

    /** The next search is refused 422 "Validation Failed" with this error message. */
    public void refuseNextSearch(String message) {
        refuseNextSearch = message;
    }

    /**
     * Searches time out: a search that would list an issue {@code leftOut} picks
     * leaves it out and answers {@code incomplete_results: true}; null: complete again.
     */
    public void searchTimesOut(Predicate<FakeIssue> leftOut) {
        searchTimesOut = leftOut;
    }

    /** The next 200 body is changed before it is checked and sent (to prove the check catches a wrong shape). */
    public void alterNextBody(UnaryOperator<JsonNode> change) {
        alterNextBody = change;
    }

    public void badToken(boolean bad) {
        badToken = bad;
    }

    public int requests() {
        return requests.get();
    }

    public int notModified() {
        return notModified.get();
    }

    /** Requests that cost rate limit: all but the 304s. */
    public int charged() {
        return requests.get() - notModified.get();
    }

    /** Requests answered 403 because their budget was used up (a client that paces itself causes none). */
    public int refusedForLimits() {
        return refusedForLimits.get();
    }

    public int requests(String pathPrefix) {
        return byPath.entrySet().stream().filter(e -> e.getKey().startsWith(pathPrefix)).mapToInt(e -> e.getValue().get()).sum();
    }

    /** Requests received per path (shas shown as {sha}), for messages of failing tests. */
    public Map<String, Integer> requestsByPath() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        byPath.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Every {@code If-None-Match} header received, in order. */
    public List<String> ifNoneMatchReceived() {
        synchronized (ifNoneMatch) {
            return List.copyOf(ifNoneMatch);
        }
    }

    /** Every search query ({@code q}) received, in order. */
    public List<String> searchesReceived() {
        synchronized (searches) {
            return List.copyOf(searches);
        }
    }

    /** What this fake received or sent that GitHub's description does not allow, so far. */
    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(new LinkedHashSet<>(violations));
        }
    }

    public void resetCounts() {
        requests.set(0);
        notModified.set(0);
        refusedForLimits.set(0);
        byPath.clear();
        ifNoneMatch.clear();
        searches.clear();
    }

    /** Stops the server; fails when anything it received or sent did not conform to GitHub's description. */
    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        List<String> wrong = violations();
        violations.clear();
        if (!wrong.isEmpty()) {
            throw new AssertionError("The fake GitHub received or sent what GitHub's OpenAPI description does not allow:\n  "
                    + String.join("\n  ", wrong));
        }
    }

    // ---- the wire ----

    /** The request's path without the Enterprise Server prefix. */
    private static String apiPath(HttpExchange ex) {
        String path = ex.getRequestURI().getRawPath();
        return path.startsWith("/api/v3/") ? path.substring("/api/v3".length()) : path;
    }

    /** The rate-limit budget a path is charged to. */
    private static String resource(String path) {
        return path.startsWith("/search/") ? "search" : "core";
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        String path = apiPath(ex);
        byPath.computeIfAbsent(path.replaceAll("/[0-9a-f]{40}", "/{sha}"), k -> new AtomicInteger()).incrementAndGet();
        String etag = ex.getRequestHeaders().getFirst("If-None-Match");
        if (etag != null) {
            ifNoneMatch.add(etag);
        }
        List<String> wrongRequest = new ArrayList<>(spec.checkRequest(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery()));
        String requestBody = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (wrongRequest.isEmpty()) {
            wrongRequest.addAll(spec.checkRequestBody(ex.getRequestMethod(), path, requestBody));
        }
        if (!wrongRequest.isEmpty()) {
            violations.addAll(wrongRequest);
            sendUnchecked(ex, 400, error("fake GitHub: not a request GitHub's description allows: " + wrongRequest), Map.of());
            return;
        }
        String resource = resource(path);
        if (resource.equals("search")) {
            searches.add(query(ex.getRequestURI().getRawQuery()).getOrDefault("q", ""));
        }
        try {
            if (badToken) {
                send(ex, 401, error("Bad credentials"), Map.of());
                return;
            }
            if (!secondaries.isEmpty()) {
                Secondary s = secondaries.remove(0);
                refusedForLimits.incrementAndGet();
                send(ex, s.status(), error(SECONDARY, LIMIT_DOCS), s.retryAfter() == null ? Map.of()
                        : Map.of("Retry-After", Integer.toString(s.retryAfter())));
                return;
            }
            synchronized (this) {
                Budget b = budgets.get(resource);
                b.roll(clock.instant());
                if (b.used >= b.limit) {
                    refusedForLimits.incrementAndGet();
                    send(ex, 403, error("API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help,"
                            + " please include the request ID 0000:1111:2222:3333:4444.", LIMIT_DOCS), Map.of());
                    return;
                }
            }
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            Matcher m;
            FakePulls.Answer pulled = pulls.answer(ex.getRequestMethod(), path, requestBody);
            if (pulled != null) {
                if (pulled.status() == 200 && ex.getRequestMethod().equals("GET")) {
                    ok(ex, pulled.body(), Map.of());
                } else {
                    send(ex, pulled.status(), pulled.body(), Map.of());
                }
            } else if (ex.getRequestMethod().equals("POST") && (m = Pattern.compile("/repos/([^/]+/[^/]+)/issues").matcher(path)).matches()) {
                createIssue(ex, m.group(1), requestBody);
            } else if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/milestones").matcher(path)).matches()) {
                listMilestones(ex, m.group(1));
            } else if (path.equals("/search/issues")) {
                search(ex, query);
            } else if ((m = Pattern.compile("/repos/([^/]+/[^/]+)").matcher(path)).matches()) {
                if (!exists(m.group(1))) {
                    send(ex, 404, error("Not Found"), Map.of());
                } else {
                    ok(ex, JSON.writeValueAsString(repoJson(m.group(1))), Map.of());
                }
            } else if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/issues/events").matcher(path)).matches()) {
                events(ex, m.group(1), query);
            } else if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/issues/([0-9]+)").matcher(path)).matches()) {
                oneIssue(ex, m.group(1), Integer.parseInt(m.group(2)));
            } else if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/issues/([0-9]+)/events").matcher(path)).matches()) {
                issueEvents(ex, m.group(1), Integer.parseInt(m.group(2)));
            } else if (releaseNotes(ex, path, requestBody)) {
                return;
            } else if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/commits/([0-9a-f]{40})/check-runs").matcher(path)).matches()) {
                ok(ex, JSON.writeValueAsString(checkRunsJson(m.group(1), m.group(2))), Map.of());
            } else if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/(?:commits/([0-9a-f]{40})/statuses|statuses/([0-9a-f]{40}))").matcher(path)).matches()) {
                ok(ex, JSON.writeValueAsString(statusesJson(m.group(1), m.group(2) != null ? m.group(2) : m.group(3))), Map.of());
            } else if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/commits/([^/]+)").matcher(path)).matches()) {
                commitDetail(ex, m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
            } else if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/commits").matcher(path)).matches()) {
                commitList(ex, m.group(1), query);
            } else if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/compare/(.+)").matcher(path)).matches()) {
                compare(ex, m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8), query);
            } else {
                send(ex, 404, error("Not Found"), Map.of());
            }
        } catch (RuntimeException e) {
            violations.add(ex.getRequestMethod() + " " + path + ": the fake failed: " + e);
            sendUnchecked(ex, 500, error("fake GitHub failed: " + e), Map.of());
        }
    }

    // ---- release notes: pull requests, the pull requests of a commit, releases ----

    /** A pull request: its title, labels, author, whether merged, and the commits it brought. */
    public record FakePull(String repo, int number, String title, List<String> labels, String login, boolean merged, List<String> commits) {
    }

    /** A release of a tag, as GitHub keeps it; {@code body} as it was sent. */
    public record FakeRelease(String repo, long id, String tag, String name, String body) {
    }

    private final Map<String, FakePull> notePulls = new ConcurrentHashMap<>();
    private final List<FakeRelease> releases = Collections.synchronizedList(new ArrayList<>());

    public void pull(FakePull pull) {
        notePulls.put(pull.repo().toLowerCase(Locale.ROOT) + "#" + pull.number(), pull);
        repo(pull.repo());
        for (String sha : pull.commits()) {
            commits.computeIfAbsent(pull.repo().toLowerCase(Locale.ROOT), k -> new ConcurrentHashMap<>())
                    .putIfAbsent(sha, new FakeCommit(sha, commitSeq.incrementAndGet(), pull.title(), List.of(), Map.of()));
        }
    }

    /** The releases created so far (and any added with {@link #release}), oldest first. */
    public List<FakeRelease> releases() {
        synchronized (releases) {
            return List.copyOf(releases);
        }
    }

    /** A release that exists already. */
    public void release(String repo, String tag, String name, String body) {
        releases.add(new FakeRelease(repo.toLowerCase(Locale.ROOT), releases.size() + 1, tag, name, body));
        repo(repo);
    }

    /**
     * {@code GET pulls/{n}}, {@code GET commits/{sha}/pulls}, {@code GET releases/tags/{tag}}, {@code POST releases}
     * (its JSON body needs {@code tag_name}; a second release of a tag is GitHub's 422 {@code already_exists}).
     *
     * @return false when the path is none of these
     */
    /** @param raw the request's body, read once by the dispatcher */
    private boolean releaseNotes(HttpExchange ex, String path, String raw) throws IOException {
        Matcher m;
        String method = ex.getRequestMethod();
        if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/pulls/([0-9]+)").matcher(path)).matches() && method.equals("GET")) {
            FakePull p = notePulls.get(m.group(1).toLowerCase(Locale.ROOT) + "#" + m.group(2));
            if (p == null) {
                send(ex, 404, error("Not Found"), Map.of());
            } else {
                ok(ex, JSON.writeValueAsString(pullJson(spec.example("/repos/{owner}/{repo}/pulls/{pull_number}", 200), p)), Map.of());
            }
            return true;
        }
        if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/commits/([0-9a-f]{40})/pulls").matcher(path)).matches() && method.equals("GET")) {
            String slug = m.group(1).toLowerCase(Locale.ROOT);
            String sha = m.group(2);
            ArrayNode out = JSON.createArrayNode();
            JsonNode simple = spec.example("/repos/{owner}/{repo}/commits/{commit_sha}/pulls", 200).get(0);
            notePulls.values().stream().filter(p -> p.repo().equalsIgnoreCase(slug) && p.commits().contains(sha))
                    .sorted(Comparator.comparingInt(FakePull::number)).forEach(p -> out.add(pullJson(simple.deepCopy(), p)));
            ok(ex, JSON.writeValueAsString(out), Map.of());
            return true;
        }
        if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/releases/tags/(.+)").matcher(path)).matches() && method.equals("GET")) {
            String slug = m.group(1).toLowerCase(Locale.ROOT);
            String tag = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
            FakeRelease r = releases().stream().filter(x -> x.repo().equals(slug) && x.tag().equals(tag)).findFirst().orElse(null);
            if (r == null) {
                send(ex, 404, error("Not Found"), Map.of());
            } else {
                ok(ex, JSON.writeValueAsString(releaseJson(r)), Map.of());
            }
            return true;
        }
        if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/releases").matcher(path)).matches() && method.equals("POST")) {
            String slug = m.group(1).toLowerCase(Locale.ROOT);
            List<String> wrongBody = spec.checkRequestBody("POST", path, raw);
            if (!wrongBody.isEmpty()) {
                violations.addAll(wrongBody);
                sendUnchecked(ex, 400, error("fake GitHub: not a body GitHub's description allows: " + wrongBody), Map.of());
                return true;
            }
            JsonNode body = JSON.readTree(raw);
            String tag = body.get("tag_name").asText();
            synchronized (releases) {
                if (releases.stream().anyMatch(x -> x.repo().equals(slug) && x.tag().equals(tag))) {
                    send(ex, 422, "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Release\",\"code\":\"already_exists\","
                            + "\"field\":\"tag_name\"}],\"documentation_url\":\"" + DOCS + "/releases/releases#create-a-release\"}", Map.of());
                    return true;
                }
                FakeRelease r = new FakeRelease(slug, releases.size() + 1, tag, body.path("name").asText(tag), body.path("body").asText(""));
                releases.add(r);
                send(ex, 201, JSON.writeValueAsString(releaseJson(r)), Map.of());
            }
            return true;
        }
        return false;
    }

    private ObjectNode pullJson(JsonNode example, FakePull p) {
        ObjectNode n = (ObjectNode) example;
        String api = "https://api.github.com/repos/" + p.repo();
        n.put("number", p.number());
        n.put("title", p.title());
        n.put("state", "closed");
        n.put("url", api + "/pulls/" + p.number());
        n.put("html_url", webUrl + "/" + p.repo() + "/pull/" + p.number());
        ((ObjectNode) n.get("user")).put("login", p.login());
        // the description's example lists a team without the 'type' its own schema requires: none asked here
        n.putArray("requested_teams");
        ArrayNode labels = n.putArray("labels");
        for (String name : p.labels()) {
            labels.add(labelTemplate.deepCopy().put("name", name));
        }
        if (p.merged()) {
            n.put("merged_at", "2021-01-15T10:00:00Z");
        } else {
            n.putNull("merged_at");
        }
        return n;
    }

    private ObjectNode releaseJson(FakeRelease r) {
        ObjectNode n = (ObjectNode) spec.example("/repos/{owner}/{repo}/releases/tags/{tag}", 200);
        String api = "https://api.github.com/repos/" + r.repo();
        n.put("id", r.id());
        n.put("tag_name", r.tag());
        n.put("name", r.name());
        n.put("body", r.body());
        n.put("url", api + "/releases/" + r.id());
        n.put("html_url", webUrl + "/" + r.repo() + "/releases/tag/" + r.tag());
        return n;
    }

    private boolean exists(String slug) {
        return repos.contains(slug.toLowerCase(Locale.ROOT));
    }

    /**
     * {@code GET /search/issues}: the qualifiers btr-bot uses ({@code repo:},
     * {@code user:}/{@code org:}, {@code milestone:}, {@code label:},
     * {@code is:open|closed|issue|pull-request|merged}, {@code closed:>=DATE}), sorted
     * by last update, newest first.
     */
    private void search(HttpExchange ex, Map<String, String> query) throws IOException {
        String q = query.getOrDefault("q", "");
        List<String> repoTerms = new ArrayList<>();
        List<String> userTerms = new ArrayList<>();
        String milestone = null;
        String label = null;
        String state = null;
        String closedSince = null;
        boolean issuesWanted = false;
        boolean pullsWanted = false;
        boolean mergedOnly = false;
        Matcher t = Pattern.compile("(\\w+):(\"[^\"]*\"|\\S+)").matcher(q);
        while (t.find()) {
            String value = t.group(2).replace("\"", "");
            switch (t.group(1)) {
                case "repo" -> repoTerms.add(value.toLowerCase(Locale.ROOT));
                case "user", "org" -> userTerms.add(value.toLowerCase(Locale.ROOT));
                case "milestone" -> milestone = value;
                case "label" -> label = value;
                case "is", "type" -> {
                    switch (value) {
                        case "open", "closed" -> state = value;
                        case "issue" -> issuesWanted = true;
                        case "pull-request", "pr" -> pullsWanted = true;
                        case "merged" -> mergedOnly = true;
                        default -> { }
                    }
                }
                case "closed" -> closedSince = value.startsWith(">=") ? value.substring(2) : null;
                default -> { }
            }
        }
        if (!issuesWanted && !pullsWanted) {
            send(ex, 422, validationFailed(MUST_NAME_TYPE, null), Map.of());
            return;
        }
        String refusal = refuseNextSearch;
        if (refusal != null) {
            refuseNextSearch = null;
            send(ex, 422, validationFailed("Validation Failed", refusal), Map.of());
            return;
        }
        for (String r : repoTerms) {
            if (!exists(r)) {
                send(ex, 422, validationFailed("Validation Failed", CANNOT_BE_SEARCHED), Map.of());
                return;
            }
        }
        Predicate<FakeIssue> timedOut = searchTimesOut;
        boolean incomplete = false;
        List<FakeIssue> hits = new ArrayList<>();
        synchronized (this) {
            for (FakeIssue i : issues) {
                String repo = i.repo().toLowerCase(Locale.ROOT);
                boolean inScope = repoTerms.contains(repo) || userTerms.contains(repo.substring(0, repo.indexOf('/')));
                boolean kindOk = i.pullRequest() ? pullsWanted && !issuesWanted : issuesWanted && !pullsWanted;
                boolean stateOk = state == null || state.equals(i.open() ? "open" : "closed");
                boolean recent = closedSince == null || i.closed() != null && !i.closed().isBefore(
                        java.time.LocalDate.parse(closedSince).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
                String wantedLabel = label;
                // GitHub compares labels case-insensitively; a merged pull request is closed with a merge commit
                boolean labelOk = wantedLabel == null || i.labels().stream().anyMatch(l -> l.equalsIgnoreCase(wantedLabel));
                boolean mergedOk = !mergedOnly || i.pullRequest() && !i.open() && i.fixCommit() != null;
                if (inScope && kindOk && (milestone == null || milestone.equals(i.milestone())) && labelOk && mergedOk
                        && exists(repo) && stateOk && recent) {
                    if (timedOut != null && timedOut.test(i)) {
                        incomplete = true;
                    } else {
                        hits.add(i);
                    }
                }
            }
        }
        hits.sort(Comparator.comparing(FakeIssue::updated).reversed().thenComparing(FakeIssue::repo).thenComparing(FakeIssue::number));
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "30"));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        List<FakeIssue> capped = hits.subList(0, Math.min(hits.size(), 1000));
        int pages = Math.max(1, (capped.size() + perPage - 1) / perPage);
        List<FakeIssue> slice = capped.subList(Math.min(capped.size(), (page - 1) * perPage), Math.min(capped.size(), page * perPage));
        ObjectNode body = JSON.createObjectNode();
        body.put("total_count", hits.size());
        body.put("incomplete_results", incomplete);
        body.put("search_type", "lexical");
        ArrayNode items = body.putArray("items");
        slice.forEach(i -> items.add(issueJson(i).put("score", 1.0)));
        ok(ex, JSON.writeValueAsString(body), link(ex, query, page, pages));
    }

    /** GitHub's 422 "Validation Failed" shape, {@code status} included as GitHub now sends it. */
    private static String validationFailed(String message, String errorMessage) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        if (errorMessage != null) {
            error.put("message", errorMessage);
        }
        error.put("resource", "Search").put("field", "q").put("code", "invalid");
        ObjectNode body = JSON.createObjectNode().put("message", message);
        body.putArray("errors").add(error);
        return JSON.writeValueAsString(body.put("documentation_url", SEARCH_DOCS).put("status", "422"));
    }

    /**
     * {@code GET /repos/o/r/issues/events}: newer "busy" events, then the
     * closings (newest first), then older events. With
     * {@link #eventsOldestFirstInAPage} each page lists its events oldest first.
     */
    private void events(HttpExchange ex, String slug, Map<String, String> query) throws IOException {
        if (!exists(slug)) {
            send(ex, 404, error("Not Found"), Map.of());
            return;
        }
        List<FakeIssue> closed;
        synchronized (this) {
            closed = issues.stream().filter(i -> i.repo().equalsIgnoreCase(slug) && !i.open() && i.closed() != null)
                    .sorted(Comparator.comparing(FakeIssue::closed).reversed()).toList();
        }
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "30"));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int busy = busyEvents.getOrDefault(slug.toLowerCase(Locale.ROOT), 0);
        int older = olderEvents.getOrDefault(slug.toLowerCase(Locale.ROOT), 0);
        int total = busy + closed.size() + older;
        int pages = Math.max(1, (total + perPage - 1) / perPage);
        List<ObjectNode> out = new ArrayList<>();
        Instant newest = closed.isEmpty() ? Instant.parse("2021-01-01T00:00:00Z") : closed.get(0).closed();
        Instant oldest = closed.isEmpty() ? newest : closed.get(closed.size() - 1).closed();
        for (int k = (page - 1) * perPage; k < Math.min(total, page * perPage); k++) {
            if (k < busy) {
                out.add(labeledEvent(slug, 900_000_000L + k, newest.plusSeconds(busy - k)));
            } else if (k < busy + closed.size()) {
                out.add(closedEvent(closed.get(k - busy), true));
            } else {
                int j = k - busy - closed.size();
                out.add(labeledEvent(slug, 800_000_000L + j, oldest.minus(Duration.ofDays(1)).minusSeconds(j)));
            }
        }
        if (eventsOldestFirstInAPage) {
            out.sort(Comparator.comparing(e -> Instant.parse(e.get("created_at").asText())));
        }
        ArrayNode body = JSON.createArrayNode();
        out.forEach(body::add);
        ok(ex, JSON.writeValueAsString(body), link(ex, query, page, pages));
    }

    private ObjectNode labeledEvent(String slug, long id, Instant at) {
        ObjectNode e = eventTemplate.deepCopy();
        e.put("id", id);
        e.put("node_id", "LE_" + id);
        e.put("url", "https://api.github.com/repos/" + slug + "/issues/events/" + id);
        e.set("actor", user("triager"));
        e.put("event", "labeled");
        e.putNull("commit_id");
        e.putNull("commit_url");
        e.put("created_at", at.toString());
        e.putObject("label").put("name", "needs triage").put("color", "ededed");
        return e;
    }

    private ObjectNode closedEvent(FakeIssue i, boolean withIssue) {
        ObjectNode e = eventTemplate.deepCopy();
        e.put("id", (long) i.number() * 1000 + 7);
        e.put("node_id", "IE_" + i.number());
        e.put("url", "https://api.github.com/repos/" + i.repo() + "/issues/events/" + ((long) i.number() * 1000 + 7));
        e.set("actor", user("maintainer"));
        e.put("event", "closed");
        e.put("commit_id", i.fixCommit());
        e.put("commit_url", i.fixCommit() == null ? null : "https://api.github.com/repos/" + i.repo() + "/commits/" + i.fixCommit());
        e.put("created_at", i.closed().toString());
        if (withIssue) {
            e.set("issue", issueJson(i));
        }
        return e;
    }

    private synchronized FakeIssue find(String slug, int number) {
        return issues.stream().filter(i -> i.repo().equalsIgnoreCase(slug) && i.number() == number).findFirst().orElse(null);
    }

    private boolean isGone(String slug, int number) {
        return gone.contains(slug.toLowerCase(Locale.ROOT) + "#" + number);
    }

    /** {@code POST /repos/o/r/issues}: a new open issue, its milestone given by number; its body checked against the description. */
    /** @param body the request's body, read once by the dispatcher */
    private void createIssue(HttpExchange ex, String slug, String body) throws IOException {
        List<String> wrong = spec.checkRequestBody("POST", apiPath(ex), body);
        if (!wrong.isEmpty()) {
            violations.addAll(wrong);
            sendUnchecked(ex, 400, error("fake GitHub: not a body GitHub's description allows: " + wrong), Map.of());
            return;
        }
        if (!exists(slug)) {
            send(ex, 404, error("Not Found"), Map.of());
            return;
        }
        JsonNode asked = JSON.readTree(body);
        String milestone = null;
        if (asked.hasNonNull("milestone")) {
            List<String> titles = milestones.getOrDefault(slug.toLowerCase(Locale.ROOT), List.of());
            int n = asked.get("milestone").asInt();
            if (n < 1 || n > titles.size()) {
                send(ex, 422, error("Validation Failed"), Map.of());
                return;
            }
            milestone = titles.get(n - 1);
        }
        List<String> labels = new ArrayList<>();
        asked.path("labels").forEach(l -> labels.add(l.isTextual() ? l.asText() : l.path("name").asText()));
        FakeIssue created;
        synchronized (this) {
            int number = issues.stream().filter(i -> i.repo().equalsIgnoreCase(slug)).mapToInt(FakeIssue::number).max().orElse(0) + 1;
            Instant now = clock.instant();
            created = new FakeIssue(slug, number, asked.path("title").asText(), true, labels, List.of(), milestone, now, now, null, null);
            issues.add(created);
        }
        createdBodies.put(slug.toLowerCase(Locale.ROOT) + "#" + created.number(), asked.path("body").asText(""));
        send(ex, 201, JSON.writeValueAsString(issueJson(created)), Map.of());
    }

    /** {@code GET /repos/o/r/milestones}: the milestones added with {@link #milestone}. */
    private void listMilestones(HttpExchange ex, String slug) throws IOException {
        if (!exists(slug)) {
            send(ex, 404, error("Not Found"), Map.of());
            return;
        }
        ArrayNode list = JSON.createArrayNode();
        List<String> titles = milestones.getOrDefault(slug.toLowerCase(Locale.ROOT), List.of());
        for (int i = 0; i < titles.size(); i++) {
            ObjectNode ms = milestoneTemplate.deepCopy();
            ms.put("title", titles.get(i));
            ms.put("number", i + 1);
            list.add(ms);
        }
        ok(ex, JSON.writeValueAsString(list), Map.of());
    }

    private void oneIssue(HttpExchange ex, String slug, int number) throws IOException {
        FakeIssue i = find(slug, number);
        if (isGone(slug, number)) {
            send(ex, 410, error("This issue was deleted"), Map.of());
        } else if (i == null) {
            send(ex, 404, error("Not Found"), Map.of());
        } else {
            ok(ex, JSON.writeValueAsString(issueJson(i)), Map.of());
        }
    }

    /**
     * One issue's events, oldest first, as GitHub lists them: a {@code referenced}
     * event for its fix commit (a commit that mentions the issue), then its
     * {@code closed} event naming the commit that closed it, if any.
     */
    private void issueEvents(HttpExchange ex, String slug, int number) throws IOException {
        FakeIssue i = find(slug, number);
        if (isGone(slug, number)) {
            send(ex, 410, error("This issue was deleted"), Map.of());
            return;
        }
        if (i == null) {
            send(ex, 404, error("Not Found"), Map.of());
            return;
        }
        ArrayNode out = JSON.createArrayNode();
        if (i.fixCommit() != null) {
            ObjectNode ref = closedEvent(i, false);
            ref.put("id", (long) i.number() * 1000 + 5);
            ref.put("url", "https://api.github.com/repos/" + i.repo() + "/issues/events/" + ((long) i.number() * 1000 + 5));
            ref.put("event", "referenced");
            ref.put("commit_id", "e".repeat(40));
            ref.put("commit_url", "https://api.github.com/repos/" + i.repo() + "/commits/" + "e".repeat(40));
            out.add(ref);
        }
        if (!i.open() && i.closed() != null) {
            out.add(closedEvent(i, false));
        }
        ok(ex, JSON.writeValueAsString(out), Map.of());
    }

    // ---- commits, branches, compare ----

    private Map<String, FakeCommit> commitsOf(String slug) {
        return commits.getOrDefault(slug.toLowerCase(Locale.ROOT), Map.of());
    }

    /** A branch name or a full sha to a known commit, else null. */
    private FakeCommit resolve(String slug, String ref) {
        String sha = branches.getOrDefault(slug.toLowerCase(Locale.ROOT), Map.of()).getOrDefault(ref, ref);
        return commitsOf(slug).get(sha);
    }

    /** Every commit reachable from {@code tip}, the tip included. */
    private Set<String> ancestors(String slug, String tip) {
        Set<String> seen = new HashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(tip));
        while (!todo.isEmpty()) {
            String sha = todo.pop();
            FakeCommit c = commitsOf(slug).get(sha);
            if (c != null && seen.add(sha)) {
                todo.addAll(c.parents());
            }
        }
        return seen;
    }

    private void commitDetail(HttpExchange ex, String slug, String ref) throws IOException {
        FakeCommit c = resolve(slug, ref);
        if (c == null) {
            send(ex, 422, error("No commit found for SHA: " + ref), Map.of());
            return;
        }
        ObjectNode n = commitJson(slug, c);
        ObjectNode stats = n.putObject("stats");
        stats.put("total", c.patches().size());
        ArrayNode files = n.putArray("files");
        c.patches().forEach((name, patch) -> files.add(fileJson(slug, c.sha(), name, patch)));
        ok(ex, JSON.writeValueAsString(n), Map.of());
    }

    /** {@code GET /repos/o/r/commits?sha=B&path=F}: commits reachable from B that touch F, newest first. */
    private void commitList(HttpExchange ex, String slug, Map<String, String> query) throws IOException {
        FakeCommit tip = resolve(slug, query.getOrDefault("sha", "master"));
        if (tip == null) {
            send(ex, 404, error("Not Found"), Map.of());
            return;
        }
        String path = query.get("path");
        List<FakeCommit> hits = ancestors(slug, tip.sha()).stream().map(commitsOf(slug)::get)
                .filter(c -> path == null || c.patches().containsKey(path))
                .sorted(Comparator.comparingInt(FakeCommit::seq).reversed()).toList();
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "30"));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int pages = Math.max(1, (hits.size() + perPage - 1) / perPage);
        ArrayNode out = JSON.createArrayNode();
        hits.subList(Math.min(hits.size(), (page - 1) * perPage), Math.min(hits.size(), page * perPage))
                .forEach(c -> out.add(commitJson(slug, c)));
        ok(ex, JSON.writeValueAsString(out), link(ex, query, page, pages));
    }

    /**
     * {@code GET /repos/o/r/compare/BASE...HEAD}: status, ahead/behind counts,
     * the commits of HEAD since the merge base (oldest first; 250 at most
     * unless paged with {@code per_page}), and their files on the first page.
     * An unknown ref is 404, as on GitHub.
     */
    private void compare(HttpExchange ex, String slug, String basehead, Map<String, String> query) throws IOException {
        int dots = basehead.indexOf("...");
        FakeCommit base = dots < 0 ? null : resolve(slug, basehead.substring(0, dots));
        FakeCommit head = dots < 0 ? null : resolve(slug, basehead.substring(dots + 3));
        if (base == null || head == null) {
            send(ex, 404, error("Not Found"), Map.of());
            return;
        }
        Set<String> fromBase = ancestors(slug, base.sha());
        Set<String> fromHead = ancestors(slug, head.sha());
        List<FakeCommit> ahead = fromHead.stream().filter(s -> !fromBase.contains(s)).map(commitsOf(slug)::get)
                .sorted(Comparator.comparingInt(FakeCommit::seq)).toList();
        long behind = fromBase.stream().filter(s -> !fromHead.contains(s)).count();
        String status = ahead.isEmpty() && behind == 0 ? "identical" : behind == 0 ? "ahead" : ahead.isEmpty() ? "behind" : "diverged";
        FakeCommit mergeBase = fromHead.stream().filter(fromBase::contains).map(commitsOf(slug)::get)
                .max(Comparator.comparingInt(FakeCommit::seq)).orElse(null);
        ObjectNode n = compareTemplate.deepCopy();
        String api = "https://api.github.com/repos/" + slug;
        n.put("url", api + "/compare/" + basehead);
        n.put("html_url", webUrl + "/" + slug + "/compare/" + basehead);
        n.set("base_commit", commitJson(slug, base));
        if (mergeBase == null) {
            n.putNull("merge_base_commit");
        } else {
            n.set("merge_base_commit", commitJson(slug, mergeBase));
        }
        n.put("status", status);
        n.put("ahead_by", ahead.size());
        n.put("behind_by", behind);
        n.put("total_commits", ahead.size());
        boolean paged = query.containsKey("per_page");
        int perPage = paged ? Integer.parseInt(query.get("per_page")) : 250;
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        ArrayNode list = n.putArray("commits");
        ahead.subList(Math.min(ahead.size(), (page - 1) * perPage), Math.min(ahead.size(), page * perPage))
                .forEach(c -> list.add(commitJson(slug, c)));
        ArrayNode files = n.putArray("files");
        if (page == 1) {
            Map<String, String> changed = new LinkedHashMap<>();
            ahead.forEach(c -> changed.putAll(c.patches()));
            changed.forEach((name, patch) -> files.add(fileJson(slug, head.sha(), name, patch)));
        }
        int pages = Math.max(1, (ahead.size() + perPage - 1) / perPage);
        ok(ex, JSON.writeValueAsString(n), paged ? link(ex, query, page, pages) : Map.of());
    }

    private ObjectNode commitJson(String slug, FakeCommit c) {
        ObjectNode n = commitTemplate.deepCopy();
        String api = "https://api.github.com/repos/" + slug;
        n.put("sha", c.sha());
        n.put("node_id", "C_" + c.sha());
        n.put("url", api + "/commits/" + c.sha());
        n.put("html_url", webUrl + "/" + slug + "/commit/" + c.sha());
        n.put("comments_url", api + "/commits/" + c.sha() + "/comments");
        ObjectNode inner = (ObjectNode) n.get("commit");
        inner.put("message", c.message());
        // the recording predates verified_at, which the description now requires (null when unsigned)
        ((ObjectNode) inner.get("verification")).putNull("verified_at");
        inner.put("url", api + "/git/commits/" + c.sha());
        String date = Instant.parse("2021-01-01T00:00:00Z").plusSeconds(60L * c.seq()).toString();
        ((ObjectNode) inner.get("author")).put("date", date);
        ((ObjectNode) inner.get("committer")).put("date", date);
        ArrayNode parents = n.putArray("parents");
        for (String p : c.parents()) {
            parents.addObject().put("sha", p).put("url", api + "/commits/" + p).put("html_url", webUrl + "/" + slug + "/commit/" + p);
        }
        return n;
    }

    private ObjectNode fileJson(String slug, String commit, String name, String patch) {
        ObjectNode f = fileTemplate.deepCopy();
        f.put("sha", etag(name + patch));
        f.put("filename", name);
        f.put("status", "modified");
        long added = patch == null ? 0 : patch.lines().filter(l -> l.startsWith("+")).count();
        long deleted = patch == null ? 0 : patch.lines().filter(l -> l.startsWith("-")).count();
        f.put("additions", added);
        f.put("deletions", deleted);
        f.put("changes", added + deleted);
        f.put("blob_url", webUrl + "/" + slug + "/blob/" + commit + "/" + name);
        f.put("raw_url", webUrl + "/" + slug + "/raw/" + commit + "/" + name);
        f.put("contents_url", "https://api.github.com/repos/" + slug + "/contents/" + name + "?ref=" + commit);
        if (patch == null) {
            f.remove("patch");
        } else {
            f.put("patch", patch);
        }
        return f;
    }

    private Map<String, String> link(HttpExchange ex, Map<String, String> query, int page, int pages) {
        if (page >= pages) {
            return Map.of();
        }
        String base = url() + ex.getRequestURI().getRawPath() + "?";
        List<String> parts = new ArrayList<>();
        for (int target : new int[] {page + 1, pages}) {
            Map<String, String> q = new LinkedHashMap<>(query);
            q.put("page", Integer.toString(target));
            String qs = String.join("&", q.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
            parts.add("<" + base + qs + ">; rel=\"" + (target == page + 1 ? "next" : "last") + "\"");
        }
        return Map.of("Link", String.join(", ", parts));
    }


    private ObjectNode issueJson(FakeIssue i) {
        ObjectNode n = issueTemplate.deepCopy();
        String api = "https://api.github.com/repos/" + i.repo();
        n.put("url", api + "/issues/" + i.number());
        n.put("repository_url", api);
        n.put("labels_url", api + "/issues/" + i.number() + "/labels{/name}");
        n.put("comments_url", api + "/issues/" + i.number() + "/comments");
        n.put("events_url", api + "/issues/" + i.number() + "/events");
        n.put("html_url", webUrl + "/" + i.repo() + (i.pullRequest() ? "/pull/" : "/issues/") + i.number());
        n.put("id", Math.abs((long) (i.repo() + i.number()).hashCode()));
        n.put("number", i.number());
        n.put("title", i.title());
        ArrayNode labels = n.putArray("labels");
        for (String l : i.labels()) {
            ObjectNode label = labelTemplate.deepCopy();
            label.put("name", l);
            label.put("url", api + "/labels/" + URLEncoder.encode(l, StandardCharsets.UTF_8));
            label.put("default", false);
            labels.add(label);
        }
        n.put("state", i.open() ? "open" : "closed");
        ArrayNode assignees = n.putArray("assignees");
        i.assignees().forEach(a -> assignees.add(user(a)));
        n.set("assignee", i.assignees().isEmpty() ? null : user(i.assignees().get(0)));
        if (i.milestone() == null) {
            n.putNull("milestone");
        } else {
            ObjectNode ms = milestoneTemplate.deepCopy();
            ms.put("title", i.milestone());
            n.set("milestone", ms);
        }
        n.put("created_at", i.created().toString());
        n.put("updated_at", i.updated().toString());
        if (i.closed() == null) {
            n.putNull("closed_at");
        } else {
            n.put("closed_at", i.closed().toString());
        }
        if (i.pullRequest()) {
            String web = webUrl + "/" + i.repo() + "/pull/" + i.number();
            ObjectNode pr = n.putObject("pull_request");
            pr.put("url", api + "/pulls/" + i.number()).put("html_url", web).put("diff_url", web + ".diff").put("patch_url", web + ".patch");
            if (i.closed() == null) {
                pr.putNull("merged_at");
            } else {
                pr.put("merged_at", i.closed().toString());
            }
        }
        return n;
    }

    private ObjectNode user(String login) {
        ObjectNode u = userTemplate.deepCopy();
        u.put("login", login);
        u.put("url", "https://api.github.com/users/" + login);
        u.put("html_url", "https://github.com/" + login);
        return u;
    }


    private ObjectNode repoJson(String slug) {
        String owner = slug.substring(0, slug.indexOf('/'));
        String name = slug.substring(slug.indexOf('/') + 1);
        ObjectNode r = repoTemplate.deepCopy();
        r.put("id", Math.abs((long) slug.hashCode()));
        r.put("node_id", "R_" + slug);
        r.put("name", name);
        r.put("full_name", slug);
        r.set("owner", user(owner));
        r.put("html_url", webUrl + "/" + slug);
        r.put("url", "https://api.github.com/repos/" + slug);
        r.put("default_branch", "master");
        return r;
    }

    private ObjectNode checkRunsJson(String slug, String sha) {
        List<Map<String, String>> runs = checkRuns.getOrDefault(slug.toLowerCase(Locale.ROOT) + "@" + sha, List.of());
        ObjectNode body = JSON.createObjectNode();
        body.put("total_count", runs.size());
        ArrayNode arr = body.putArray("check_runs");
        int id = 1;
        for (Map<String, String> run : runs) {
            ObjectNode c = checkRunTemplate.deepCopy();
            c.put("id", id);
            c.put("head_sha", sha);
            c.put("node_id", "CR_" + id);
            c.put("url", "https://api.github.com/repos/" + slug + "/check-runs/" + id);
            c.put("html_url", webUrl + "/" + slug + "/runs/" + id);
            c.put("details_url", "https://ci.example.org/" + slug + "/" + id);
            c.put("status", run.get("status"));
            if (run.get("conclusion").isEmpty()) {
                c.putNull("conclusion");
                c.putNull("completed_at");
            } else {
                c.put("conclusion", run.get("conclusion"));
                c.put("completed_at", "2021-02-01T08:30:00Z");
            }
            c.put("started_at", "2021-02-01T08:00:00Z");
            c.put("name", run.get("name"));
            arr.add(c);
            id++;
        }
        return body;
    }

    private ArrayNode statusesJson(String slug, String sha) {
        ArrayNode arr = JSON.createArrayNode();
        int id = 1;
        for (Map<String, String> s : statuses.getOrDefault(slug.toLowerCase(Locale.ROOT) + "@" + sha, List.of())) {
            ObjectNode o = statusTemplate.deepCopy();
            o.put("url", "https://api.github.com/repos/" + slug + "/statuses/" + sha);
            o.put("id", id);
            o.put("node_id", "SC_" + id);
            o.put("state", s.get("state"));
            o.put("description", "");
            o.put("target_url", "https://ci.example.org/" + slug + "/status/" + id);
            o.put("context", s.get("context"));
            o.put("created_at", "2021-02-01T08:00:00Z");
            o.put("updated_at", "2021-02-01T08:00:00Z");
            arr.add(o);
            id++;
        }
        return arr;
    }

    private static String error(String message) {
        return error(message, DOCS);
    }

    private static String error(String message, String docs) {
        return "{\"message\":\"" + message.replace("\"", "'") + "\",\"documentation_url\":\"" + docs + "\"}";
    }

    /**
     * A 200 with a weak ETag, as GitHub sends them; or 304 when the request's
     * {@code If-None-Match} names that tag, compared weakly (a {@code W/}
     * prefix on either side does not matter). A 304 is not charged.
     */
    private void ok(HttpExchange ex, String body, Map<String, String> headers) throws IOException {
        UnaryOperator<JsonNode> change = alterNextBody;
        if (change != null) {
            alterNextBody = null;
            body = JSON.writeValueAsString(change.apply(JSON.readTree(body)));
        }
        String etag = "W/\"" + etag(body) + "\"";
        Map<String, String> h = new HashMap<>(headers);
        h.put("ETag", etag);
        if (weaklyMatches(ex.getRequestHeaders().getFirst("If-None-Match"), etag)) {
            notModified.incrementAndGet();
            send(ex, 304, null, h);
            return;
        }
        send(ex, 200, body, h);
    }

    /** RFC 9110 weak comparison of an {@code If-None-Match} list (or {@code *}) against one entity tag. */
    static boolean weaklyMatches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    private static String etag(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends an answer after checking its body against the description; a body
     * it does not allow is recorded and replaced by a 500. Charges the
     * request's budget unless the answer is a 304 or a limit, and reports the
     * budget in {@code X-RateLimit-*} headers.
     */
    private void send(HttpExchange ex, int status, String body, Map<String, String> headers) throws IOException {
        // Read again from the request, not kept in the exchange's attributes: on Java 17 those are the server
        // context's, shared by every exchange in flight.
        String path = apiPath(ex);
        List<String> wrong = spec.checkResponse(ex.getRequestMethod(), path, status, body);
        if (!wrong.isEmpty()) {
            violations.addAll(wrong);
            sendUnchecked(ex, 500, error("fake GitHub: not a body GitHub's description allows: " + wrong), Map.of());
            return;
        }
        Map<String, String> h = new HashMap<>(headers);
        synchronized (this) {
            Budget b = budgets.get(resource(path));
            b.roll(clock.instant());
            boolean limit = (status == 403 || status == 429) && body != null && body.contains("rate limit");
            if (status != 304 && !limit) {
                b.used++;
            }
            h.put("X-RateLimit-Limit", Integer.toString(b.limit));
            h.put("X-RateLimit-Remaining", Integer.toString(Math.max(0, b.limit - b.used)));
            h.put("X-RateLimit-Used", Integer.toString(Math.min(b.limit, b.used)));
            h.put("X-RateLimit-Reset", Long.toString(b.reset.getEpochSecond()));
            h.put("X-RateLimit-Resource", b.resource);
        }
        h.putAll(headers);
        sendUnchecked(ex, status, body, h);
    }

    private void sendUnchecked(HttpExchange ex, int status, String body, Map<String, String> headers) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", "application/json; charset=utf-8");
        headers.forEach(h::set);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, status == 304 || bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0 && status != 304) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        GitHubSpec.query(raw).forEach((k, v) -> q.put(k, v.get(v.size() - 1)));
        return q;
    }
}
