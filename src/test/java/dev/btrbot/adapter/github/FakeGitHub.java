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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GitHub REST API on 127.0.0.1 for tests and the benchmark. Its JSON takes
 * the shapes of real github.com answers: issues, users, labels and milestones
 * are built from the recordings in {@code src/test/resources/wire/github/recordings} (from
 * hub4j/github-api, MIT, tag github-api-1.330: {@code search-issues-page1.json},
 * {@code milestone.json}). It speaks what the client relies on: {@code Link}
 * paging, {@code ETag} / {@code If-None-Match} → 304, the search API's 1,000
 * result cap and 422 for a repository that does not exist, 401 for a bad
 * token, 403 with {@code X-RateLimit-Remaining: 0} and 429 with
 * {@code Retry-After}. It counts every request it receives.
 * It also keeps a small commit graph per repository (commits with files and
 * patches, branches) and answers {@code compare}, {@code commits/{sha}} and
 * {@code commits?sha=&path=} over it, with commits shaped as in
 * {@code compare-contained.json}. Served under {@code /api/v3} as well, as
 * GitHub Enterprise is.
 */
public final class FakeGitHub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCS = "https://docs.github.com/rest";

    /** One issue (or pull request); {@code fixCommit} is the commit its closing event names. */
    public record FakeIssue(String repo, int number, String title, boolean open, List<String> labels, List<String> assignees,
                            String milestone, Instant created, Instant updated, Instant closed, String fixCommit) {
    }

    /** A commit; {@code patches} maps a file name to its unified diff ({@code null}: a binary file). */
    public record FakeCommit(String sha, int seq, String message, List<String> parents, Map<String, String> patches) {
    }

    private final HttpServer server;
    private final ObjectNode compareTemplate;
    private final ObjectNode commitTemplate;
    private final ObjectNode fileTemplate;
    private final Map<String, Map<String, FakeCommit>> commits = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> branches = new ConcurrentHashMap<>();
    private final Map<String, Integer> busyEvents = new ConcurrentHashMap<>();
    private final AtomicInteger commitSeq = new AtomicInteger();
    private volatile String webUrl = "https://github.com";
    private final ObjectNode issueTemplate;
    private final ObjectNode userTemplate;
    private final ObjectNode labelTemplate;
    private final ObjectNode milestoneTemplate;
    private final List<FakeIssue> issues = new ArrayList<>();
    private final Set<String> repos = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Map<String, String>>> checkRuns = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, String>>> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private final Map<String, AtomicInteger> byPath = new ConcurrentHashMap<>();
    private final AtomicInteger remaining = new AtomicInteger(5000);
    private volatile int rateLimitedRequests;
    private volatile int retryAfterRequests;
    private volatile boolean badToken;

    public FakeGitHub() {
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

    public void deleteRepo(String slug) {
        repos.remove(slug.toLowerCase(Locale.ROOT));
    }

    public synchronized void issue(FakeIssue issue) {
        issues.removeIf(i -> i.repo().equals(issue.repo()) && i.number() == issue.number());
        issues.add(issue);
        repo(issue.repo());
    }

    public void checkRun(String repo, String sha, String name, String status, String conclusion) {
        checkRuns.computeIfAbsent(repo.toLowerCase(Locale.ROOT) + "@" + sha, k -> new ArrayList<>())
                .add(Map.of("name", name, "status", status, "conclusion", conclusion == null ? "" : conclusion));
    }

    public void status(String repo, String sha, String context, String state) {
        statuses.computeIfAbsent(repo.toLowerCase(Locale.ROOT) + "@" + sha, k -> new ArrayList<>())
                .add(0, Map.of("context", context, "state", state));
    }

    /** The next {@code n} requests get 403 with the primary rate limit used up for an hour. */
    public void rateLimitNext(int n) {
        rateLimitedRequests = n;
    }

    /** The next {@code n} requests get 429 with {@code Retry-After: 1} (a secondary rate limit). */
    public void secondaryLimitNext(int n) {
        retryAfterRequests = n;
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

    public int requests(String pathPrefix) {
        return byPath.entrySet().stream().filter(e -> e.getKey().startsWith(pathPrefix)).mapToInt(e -> e.getValue().get()).sum();
    }

    /** Requests received per path (shas shown as {sha}), for messages of failing tests. */
    public Map<String, Integer> requestsByPath() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        byPath.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public void resetCounts() {
        requests.set(0);
        notModified.set(0);
        byPath.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    // ---- the wire ----

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        String path = ex.getRequestURI().getRawPath();
        path = path.startsWith("/api/v3/") ? path.substring("/api/v3".length()) : path;
        byPath.computeIfAbsent(path.replaceAll("/[0-9a-f]{40}", "/{sha}"), k -> new AtomicInteger()).incrementAndGet();
        try {
            if (badToken) {
                send(ex, 401, error("Bad credentials"), Map.of());
                return;
            }
            if (rateLimitedRequests > 0) {
                rateLimitedRequests--;
                send(ex, 403, error("API rate limit exceeded for user ID 1."), Map.of("X-RateLimit-Remaining", "0",
                        "X-RateLimit-Reset", Long.toString(Instant.now().plusSeconds(3600).getEpochSecond())));
                return;
            }
            if (retryAfterRequests > 0) {
                retryAfterRequests--;
                send(ex, 429, error("You have exceeded a secondary rate limit. Please wait a few minutes before you try again."),
                        Map.of("Retry-After", "1"));
                return;
            }
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            Matcher m;
            if (path.equals("/search/issues")) {
                search(ex, query);
            } else if ((m = Pattern.compile("/repos/([^/]+/[^/]+)").matcher(path)).matches()) {
                if (!exists(m.group(1))) {
                    send(ex, 404, error("Not Found"), Map.of());
                } else {
                    ok(ex, repoJson(m.group(1)), Map.of());
                }
            } else if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/issues/events").matcher(path)).matches()) {
                events(ex, m.group(1), query);
            } else if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/issues/([0-9]+)").matcher(path)).matches()) {
                oneIssue(ex, m.group(1), Integer.parseInt(m.group(2)));
            } else if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/issues/([0-9]+)/events").matcher(path)).matches()) {
                issueEvents(ex, m.group(1), Integer.parseInt(m.group(2)), query);
            } else if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/commits/([0-9a-f]{40})/check-runs").matcher(path)).matches()) {
                ok(ex, checkRunsJson(m.group(1), m.group(2)), Map.of());
            } else if ((m = Pattern.compile("/repos/([^/]+/[^/]+)/(?:commits/([0-9a-f]{40})/statuses|statuses/([0-9a-f]{40}))").matcher(path)).matches()) {
                ok(ex, statusesJson(m.group(1), m.group(2) != null ? m.group(2) : m.group(3)), Map.of());
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
            send(ex, 500, error("fake GitHub failed: " + e), Map.of());
        }
    }

    private boolean exists(String slug) {
        return repos.contains(slug.toLowerCase(Locale.ROOT));
    }

    private void search(HttpExchange ex, Map<String, String> query) throws IOException {
        String q = query.getOrDefault("q", "");
        List<String> repoTerms = new ArrayList<>();
        List<String> userTerms = new ArrayList<>();
        String milestone = null;
        String label = null;
        String state = null;
        String closedSince = null;
        Matcher t = Pattern.compile("(\\w+):(\"[^\"]*\"|\\S+)").matcher(q);
        while (t.find()) {
            String value = t.group(2).replace("\"", "");
            switch (t.group(1)) {
                case "repo" -> repoTerms.add(value.toLowerCase(Locale.ROOT));
                case "user", "org" -> userTerms.add(value.toLowerCase(Locale.ROOT));
                case "milestone" -> milestone = value;
                case "label" -> label = value;
                case "is" -> state = value.equals("open") || value.equals("closed") ? value : state;
                case "closed" -> closedSince = value.startsWith(">=") ? value.substring(2) : null;
                default -> { }
            }
        }
        for (String r : repoTerms) {
            if (!exists(r)) {
                send(ex, 422, JSON.writeValueAsString(JSON.createObjectNode().put("message", "Validation Failed")
                        .<ObjectNode>set("errors", JSON.createArrayNode().add(JSON.createObjectNode()
                                .put("message", "The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.")
                                .put("resource", "Search").put("field", "q").put("code", "invalid")))
                        .put("documentation_url", DOCS)), Map.of());
                return;
            }
        }
        List<FakeIssue> hits = new ArrayList<>();
        synchronized (this) {
            for (FakeIssue i : issues) {
                String repo = i.repo().toLowerCase(Locale.ROOT);
                boolean inScope = repoTerms.contains(repo) || userTerms.contains(repo.substring(0, repo.indexOf('/')));
                boolean stateOk = state == null || state.equals(i.open() ? "open" : "closed");
                boolean recent = closedSince == null || i.closed() != null && !i.closed().isBefore(
                        java.time.LocalDate.parse(closedSince).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
                if (inScope && (milestone == null || milestone.equals(i.milestone())) && (label == null || i.labels().contains(label))
                        && exists(repo) && stateOk && recent) {
                    hits.add(i);
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
        body.put("incomplete_results", false);
        ArrayNode items = body.putArray("items");
        slice.forEach(i -> items.add(issueJson(i).put("score", 1.0)));
        ok(ex, JSON.writeValueAsString(body), link(ex, query, page, pages));
    }

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
        int total = busy + closed.size();
        int pages = Math.max(1, (total + perPage - 1) / perPage);
        ArrayNode out = JSON.createArrayNode();
        Instant newest = closed.isEmpty() ? Instant.parse("2021-01-01T00:00:00Z") : closed.get(0).closed();
        for (int k = (page - 1) * perPage; k < Math.min(total, page * perPage); k++) {
            if (k < busy) {
                ObjectNode e = JSON.createObjectNode();
                e.put("id", 900_000_000L + k);
                e.put("node_id", "LE_" + k);
                e.set("actor", user("triager"));
                e.put("event", "labeled");
                e.putNull("commit_id");
                e.putNull("commit_url");
                e.put("created_at", newest.plusSeconds(busy - k).toString());
                out.add(e);
            } else {
                out.add(closedEvent(closed.get(k - busy), true));
            }
        }
        ok(ex, JSON.writeValueAsString(out), link(ex, query, page, pages));
    }

    private ObjectNode closedEvent(FakeIssue i, boolean withIssue) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", (long) i.number() * 1000 + 7);
        e.put("node_id", "IE_" + i.number());
        e.put("url", "https://api.github.com/repos/" + i.repo() + "/issues/events/" + i.number());
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

    private void oneIssue(HttpExchange ex, String slug, int number) throws IOException {
        FakeIssue i = find(slug, number);
        if (i == null) {
            send(ex, 404, error("Not Found"), Map.of());
            return;
        }
        ok(ex, JSON.writeValueAsString(issueJson(i)), Map.of());
    }

    /**
     * One issue's events, oldest first, as GitHub lists them: a {@code referenced}
     * event for its fix commit (a commit that mentions the issue), then its
     * {@code closed} event naming the commit that closed it, if any.
     */
    private void issueEvents(HttpExchange ex, String slug, int number, Map<String, String> query) throws IOException {
        FakeIssue i = find(slug, number);
        if (i == null) {
            send(ex, 404, error("Not Found"), Map.of());
            return;
        }
        ArrayNode out = JSON.createArrayNode();
        if (i.fixCommit() != null) {
            ObjectNode ref = closedEvent(i, false);
            ref.put("id", (long) i.number() * 1000 + 5);
            ref.put("event", "referenced");
            ref.put("commit_id", "e".repeat(40));
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
        n.put("html_url", webUrl + "/" + i.repo() + "/issues/" + i.number());
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
        return n;
    }

    private ObjectNode user(String login) {
        ObjectNode u = userTemplate.deepCopy();
        u.put("login", login);
        u.put("url", "https://api.github.com/users/" + login);
        u.put("html_url", "https://github.com/" + login);
        return u;
    }

    private String repoJson(String slug) throws IOException {
        String owner = slug.substring(0, slug.indexOf('/'));
        ObjectNode r = JSON.createObjectNode();
        r.put("id", Math.abs((long) slug.hashCode()));
        r.put("node_id", "R_" + slug);
        r.put("name", slug.substring(slug.indexOf('/') + 1));
        r.put("full_name", slug);
        r.set("owner", user(owner));
        r.put("private", false);
        r.put("html_url", "https://github.com/" + slug);
        r.put("url", "https://api.github.com/repos/" + slug);
        r.put("default_branch", "master");
        return JSON.writeValueAsString(r);
    }

    private String checkRunsJson(String slug, String sha) throws IOException {
        List<Map<String, String>> runs = checkRuns.getOrDefault(slug.toLowerCase(Locale.ROOT) + "@" + sha, List.of());
        ObjectNode body = JSON.createObjectNode();
        body.put("total_count", runs.size());
        ArrayNode arr = body.putArray("check_runs");
        int id = 1;
        for (Map<String, String> run : runs) {
            ObjectNode c = arr.addObject();
            c.put("id", id++);
            c.put("head_sha", sha);
            c.put("node_id", "CR_" + id);
            c.put("url", "https://api.github.com/repos/" + slug + "/check-runs/" + id);
            c.put("html_url", "https://github.com/" + slug + "/runs/" + id);
            c.put("details_url", "https://ci.example.org/" + slug + "/" + id);
            c.put("status", run.get("status"));
            if (run.get("conclusion").isEmpty()) {
                c.putNull("conclusion");
            } else {
                c.put("conclusion", run.get("conclusion"));
            }
            c.put("started_at", "2021-02-01T08:00:00Z");
            c.put("name", run.get("name"));
        }
        return JSON.writeValueAsString(body);
    }

    private String statusesJson(String slug, String sha) throws IOException {
        ArrayNode arr = JSON.createArrayNode();
        int id = 1;
        for (Map<String, String> s : statuses.getOrDefault(slug.toLowerCase(Locale.ROOT) + "@" + sha, List.of())) {
            ObjectNode o = arr.addObject();
            o.put("url", "https://api.github.com/repos/" + slug + "/statuses/" + sha);
            o.put("id", id++);
            o.put("node_id", "SC_" + id);
            o.put("state", s.get("state"));
            o.put("description", "");
            o.put("target_url", "https://ci.example.org/" + slug + "/status/" + id);
            o.put("context", s.get("context"));
            o.put("created_at", "2021-02-01T08:00:00Z");
            o.put("updated_at", "2021-02-01T08:00:00Z");
        }
        return JSON.writeValueAsString(arr);
    }

    private static String error(String message) {
        return "{\"message\":\"" + message.replace("\"", "'") + "\",\"documentation_url\":\"" + DOCS + "\"}";
    }

    private void ok(HttpExchange ex, String body, Map<String, String> headers) throws IOException {
        String etag = "\"" + etag(body) + "\"";
        String ifNoneMatch = ex.getRequestHeaders().getFirst("If-None-Match");
        Map<String, String> h = new HashMap<>(headers);
        h.put("ETag", etag);
        if (etag.equals(ifNoneMatch)) {
            notModified.incrementAndGet();
            send(ex, 304, null, h);
            return;
        }
        remaining.decrementAndGet();
        send(ex, 200, body, h);
    }

    private static String etag(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(HttpExchange ex, int status, String body, Map<String, String> headers) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", "application/json; charset=utf-8");
        h.set("X-RateLimit-Limit", "5000");
        h.set("X-RateLimit-Remaining", Integer.toString(Math.max(0, remaining.get())));
        h.set("X-RateLimit-Reset", Long.toString(Instant.now().plusSeconds(3600).getEpochSecond()));
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
        if (raw == null) {
            return q;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

}
