package dev.btrbot.adapter.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pull requests of {@link FakeGitHub}: {@code GET /repos/o/r/pulls/n} and
 * its {@code /commits}, {@code POST /repos/o/r/pulls} (a head branch must not
 * have an open pull request into the same base already, else GitHub's 422) and
 * {@code POST /repos/o/r/issues/n/labels} on a pull request. Bodies are built
 * on the examples of GitHub's OpenAPI description; the fake checks them, and
 * the requests' bodies, against it.
 */
public final class FakePulls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PULL = Pattern.compile("/repos/([^/]+/[^/]+)/pulls/([0-9]+)");
    private static final Pattern PULL_COMMITS = Pattern.compile("/repos/([^/]+/[^/]+)/pulls/([0-9]+)/commits");
    private static final Pattern PULLS = Pattern.compile("/repos/([^/]+/[^/]+)/pulls");
    private static final Pattern LABELS = Pattern.compile("/repos/([^/]+/[^/]+)/issues/([0-9]+)/labels");

    /** One commit of a pull request's branch, as {@code pulls/n/commits} lists it. */
    public record PullCommit(String sha, String message) {
    }

    /**
     * A pull request; {@code mergeCommit} is what GitHub names {@code merge_commit_sha} (null while open and not
     * merged). {@code labels} and {@code open} change as the bot acts on it.
     */
    public record FakePull(String repo, int number, String title, String author, List<String> labels, boolean open, boolean merged,
                           String mergeCommit, List<PullCommit> commits, String base, String head, String body) {
        FakePull withLabels(List<String> more) {
            List<String> all = new ArrayList<>(labels);
            more.stream().filter(l -> !all.contains(l)).forEach(all::add);
            return new FakePull(repo, number, title, author, List.copyOf(all), open, merged, mergeCommit, commits, base, head, body);
        }
    }

    /** What a request answered: a status and a JSON body. */
    record Answer(int status, String body) {
    }

    private final ObjectNode pullTemplate;
    private final ObjectNode commitTemplate;
    private final ObjectNode labelTemplate;
    private final Map<String, FakePull> pulls = new ConcurrentHashMap<>();
    private final List<FakePull> opened = new CopyOnWriteArrayList<>();
    private volatile String webUrl = "https://github.com";

    FakePulls(GitHubSpec spec) {
        pullTemplate = (ObjectNode) spec.example("/repos/{owner}/{repo}/pulls/{pull_number}", 200);
        // the description's own example names a team without the 'type' its schema requires: nobody is asked to review
        pullTemplate.putArray("requested_teams");
        pullTemplate.putArray("requested_reviewers");
        commitTemplate = (ObjectNode) spec.example("/repos/{owner}/{repo}/pulls/{pull_number}/commits", 200).get(0);
        labelTemplate = (ObjectNode) pullTemplate.get("labels").get(0).deepCopy();
    }

    void webUrl(String url) {
        webUrl = url;
    }

    /** A merged pull request: {@code mergeCommit} is the commit its merge left on the default branch. */
    public void merged(String repo, int number, String title, String author, List<String> labels, String mergeCommit,
                       List<PullCommit> commits) {
        put(new FakePull(repo, number, title, author, List.copyOf(labels), false, true, mergeCommit, List.copyOf(commits), "master",
                "fix-" + number, ""));
    }

    /** A pull request still open, not merged. */
    public void open(String repo, int number, String title, String author) {
        put(new FakePull(repo, number, title, author, List.of(), true, false, null, List.of(), "master", "fix-" + number, ""));
    }

    /** A pull request open from {@code head} into {@code base} (a backport someone opened by hand, say). */
    public void open(String repo, int number, String title, String author, String head, String base) {
        put(new FakePull(repo, number, title, author, List.of(), true, false, null, List.of(), base, head, ""));
    }

    /** The pull request was closed (merged or not) since. */
    public void close(String repo, int number) {
        FakePull p = pull(repo, number);
        put(new FakePull(p.repo(), p.number(), p.title(), p.author(), p.labels(), false, p.merged(), p.mergeCommit(), p.commits(),
                p.base(), p.head(), p.body()));
    }

    /** The pull requests opened through the API, as they are now (labels added since included). */
    public List<FakePull> opened() {
        return opened.stream().map(p -> pull(p.repo(), p.number())).toList();
    }

    private void put(FakePull p) {
        pulls.put(key(p.repo(), p.number()), p);
    }

    private FakePull pull(String repo, int number) {
        return pulls.get(key(repo, number));
    }

    private static String key(String repo, int number) {
        return repo.toLowerCase(Locale.ROOT) + "#" + number;
    }

    /** The answer to a pull request request, or null when the path is not one of these. */
    Answer answer(String method, String path, String requestBody) throws IOException {
        Matcher m;
        if (method.equals("GET") && (m = PULL.matcher(path)).matches()) {
            FakePull p = pull(m.group(1), Integer.parseInt(m.group(2)));
            // a pull request this fake does not hold may be one the release-notes part of the fake GitHub holds
            return p == null ? null : new Answer(200, JSON.writeValueAsString(pullJson(p)));
        }
        if (method.equals("GET") && (m = PULL_COMMITS.matcher(path)).matches()) {
            FakePull p = pull(m.group(1), Integer.parseInt(m.group(2)));
            if (p == null) {
                return notFound();
            }
            ArrayNode list = JSON.createArrayNode();
            p.commits().forEach(c -> list.add(commitJson(p.repo(), c)));
            return new Answer(200, JSON.writeValueAsString(list));
        }
        if (method.equals("POST") && (m = PULLS.matcher(path)).matches()) {
            return create(m.group(1), JSON.readTree(requestBody));
        }
        if (method.equals("POST") && (m = LABELS.matcher(path)).matches()) {
            FakePull p = pull(m.group(1), Integer.parseInt(m.group(2)));
            if (p == null) {
                return notFound();
            }
            List<String> names = new ArrayList<>();
            JsonNode given = JSON.readTree(requestBody);
            (given.isArray() ? given : given.path("labels")).forEach(l -> names.add(l.isTextual() ? l.asText() : l.path("name").asText()));
            FakePull labelled = p.withLabels(names);
            put(labelled);
            ArrayNode out = JSON.createArrayNode();
            labelled.labels().forEach(l -> out.add(labelJson(labelled.repo(), l)));
            return new Answer(200, JSON.writeValueAsString(out));
        }
        return null;
    }

    private synchronized Answer create(String repo, JsonNode request) throws IOException {
        String head = request.path("head").asText();
        String base = request.path("base").asText();
        boolean taken = pulls.values().stream().anyMatch(p -> p.repo().equalsIgnoreCase(repo) && p.open() && p.head().equals(head)
                && p.base().equals(base));
        if (taken) {
            return new Answer(422, "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"PullRequest\",\"code\":\"custom\","
                    + "\"message\":\"A pull request already exists for " + repo.substring(0, repo.indexOf('/')) + ":" + head + ".\"}],"
                    + "\"documentation_url\":\"https://docs.github.com/rest/pulls/pulls#create-a-pull-request\",\"status\":\"422\"}");
        }
        int number = 1000 + (int) pulls.values().stream().filter(p -> p.repo().equalsIgnoreCase(repo)).count() + opened.size();
        FakePull p = new FakePull(repo, number, request.path("title").asText(), "btr-bot", List.of(), true, false, null, List.of(),
                base, head, request.path("body").asText(""));
        put(p);
        opened.add(p);
        return new Answer(201, JSON.writeValueAsString(pullJson(p)));
    }

    private static Answer notFound() {
        return new Answer(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}");
    }

    private ObjectNode pullJson(FakePull p) {
        ObjectNode n = pullTemplate.deepCopy();
        String api = "https://api.github.com/repos/" + p.repo();
        String web = webUrl + "/" + p.repo() + "/pull/" + p.number();
        n.put("url", api + "/pulls/" + p.number());
        n.put("id", Math.abs((long) key(p.repo(), p.number()).hashCode()));
        n.put("html_url", web).put("diff_url", web + ".diff").put("patch_url", web + ".patch");
        n.put("issue_url", api + "/issues/" + p.number());
        n.put("commits_url", api + "/pulls/" + p.number() + "/commits");
        n.put("comments_url", api + "/issues/" + p.number() + "/comments");
        n.put("number", p.number());
        n.put("title", p.title());
        n.put("body", p.body());
        n.put("state", p.open() ? "open" : "closed");
        n.put("locked", false);
        ((ObjectNode) n.get("user")).put("login", p.author()).put("url", "https://api.github.com/users/" + p.author())
                .put("html_url", "https://github.com/" + p.author());
        ArrayNode labels = n.putArray("labels");
        p.labels().forEach(l -> labels.add(labelJson(p.repo(), l)));
        n.put("merged", p.merged());
        if (p.mergeCommit() == null) {
            n.putNull("merge_commit_sha");
        } else {
            n.put("merge_commit_sha", p.mergeCommit());
        }
        if (p.merged()) {
            n.put("merged_at", "2021-01-20T10:00:00Z").put("closed_at", "2021-01-20T10:00:00Z");
        } else {
            n.putNull("merged_at");
            if (p.open()) {
                n.putNull("closed_at");
            }
        }
        n.put("commits", p.commits().size());
        ((ObjectNode) n.get("base")).put("ref", p.base());
        ((ObjectNode) n.get("head")).put("ref", p.head());
        return n;
    }

    private ObjectNode commitJson(String repo, PullCommit c) {
        ObjectNode n = commitTemplate.deepCopy();
        n.put("sha", c.sha());
        n.put("url", "https://api.github.com/repos/" + repo + "/commits/" + c.sha());
        n.put("html_url", webUrl + "/" + repo + "/commit/" + c.sha());
        ((ObjectNode) n.get("commit")).put("message", c.message());
        return n;
    }

    private ObjectNode labelJson(String repo, String name) {
        ObjectNode l = labelTemplate.deepCopy();
        l.put("name", name);
        l.put("url", "https://api.github.com/repos/" + repo + "/labels/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        l.put("default", false);
        return l;
    }
}
