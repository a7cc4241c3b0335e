package dev.btrbot.adapter.github;

import dev.btrbot.core.port.BlockerSource;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueEvent;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.PagedIterator;
import org.kohsuke.github.PagedSearchIterable;

/**
 * A release's blockers from GitHub's issue search: one query for all its
 * repositories per selector (milestone, label), state (open; closed within
 * the window, when there is one) and kind — {@code is:issue}, and
 * {@code is:pull-request} apart, since GitHub refuses (422) a search that
 * names neither and a pull request can block too — paged 100 at a time, sorted by
 * last update so that an unchanged first page (a free 304) means an unchanged
 * result, which is then answered from memory. GitHub caps a query at 256
 * characters and 1,000 results: repositories are named by owner
 * ({@code user:}) when {@code repo:} terms would not fit, and a query with
 * more than 1,000 results is split by repository. A result GitHub marks
 * {@code incomplete_results} (its search timed out) is reported as such and
 * never remembered, so the next sync asks again. Fix commits come from the
 * repository's issue events ({@code closed}/{@code merged} with a commit); an
 * issue they do not answer for is looked up in its own events.
 */
public final class GitHubBlockerSource implements BlockerSource {
    static final int PAGE = 100;
    static final int SEARCH_CAP = 1_000;
    static final int MAX_QUERY = 256;
    static final int MAX_EVENT_PAGES = 10;
    /** One issue's events are few; a page or three covers even a long discussion's labels and references. */
    static final int MAX_ISSUE_EVENT_PAGES = 3;
    /** GitHub answers 422 to an issue search that names neither; each is searched on its own. */
    static final List<String> KINDS = List.of(" is:issue", " is:pull-request");

    private final GitHubApi api;
    private final Duration closedWindow;
    private final java.time.Clock clock;
    private final Map<String, List<GHIssue>> lastResults = new ConcurrentHashMap<>();

    /** Fetches closed issues however long ago they closed: one search per selector. */
    public GitHubBlockerSource(GitHubApi api) {
        this(api, Duration.ZERO, java.time.Clock.systemUTC());
    }

    /**
     * Fetches the open issues and those closed within {@code closedWindow}
     * (zero: all): two searches per selector, {@code is:open} and
     * {@code is:closed closed:>=DATE}. DATE moves a week at a time, so the
     * closed search's text, and with it its ETag, stays the same all week:
     * an issue closed up to six days before the window still shows.
     */
    public GitHubBlockerSource(GitHubApi api, Duration closedWindow, java.time.Clock clock) {
        this.api = api;
        this.closedWindow = closedWindow;
        this.clock = clock;
    }

    /** The search terms that pick the states fetched: none (all issues), or open and recently closed. */
    List<String> stateTerms() {
        if (closedWindow.isZero()) {
            return List.of("");
        }
        java.time.LocalDate since = java.time.LocalDate.ofInstant(clock.instant().minus(closedWindow), java.time.ZoneOffset.UTC);
        since = since.minusDays(Math.floorMod(since.toEpochDay(), 7));
        return List.of(" is:open", " is:closed closed:>=" + since);
    }

    @Override
    public Fetch issues(Query query) {
        Map<String, RepoRef> bySlug = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (RepoRef r : query.repos()) {
            api.slug(r).ifPresentOrElse(s -> bySlug.put(s.toLowerCase(Locale.ROOT), r),
                    () -> problems.add(r.name() + " is not a GitHub repository; its blockers are added by hand."));
        }
        if (bySlug.isEmpty()) {
            return new Fetch(List.of(), problems, List.of());
        }
        List<String> selectors = new ArrayList<>();
        if (query.milestone() != null) {
            selectors.add("milestone:" + quoted(query.milestone()));
        }
        if (query.label() != null) {
            selectors.add("label:" + quoted(query.label()));
        }
        List<RepoRef> unreadable = new ArrayList<>();
        List<String> slugs = new ArrayList<>(bySlug.keySet());
        try {
            slugs = withoutMissing(slugs, unreadable, bySlug, problems, true);
        } catch (IOException e) {
            throw api.unavailable(e, "searching issues");
        }
        Map<String, Issue> found = new LinkedHashMap<>();
        Set<String> partial = new LinkedHashSet<>();
        boolean probed = false;
        List<String> states = stateTerms();
        for (String selector : selectors) {
            int before = found.size();
            for (String state : states) {
                for (String kind : KINDS) {
                    String terms = selector + state + kind;
                    try {
                        try {
                            search(slugs, terms, bySlug, found, problems, partial);
                        } catch (IOException e) {
                            if (!GitHubApi.namesSomethingMissing(e) || probed) {
                                throw e;
                            }
                            probed = true;
                            slugs = withoutMissing(slugs, unreadable, bySlug, problems, false);
                            search(slugs, terms, bySlug, found, problems, partial);
                        }
                    } catch (IOException e) {
                        throw api.unavailable(e, "searching issues with " + terms);
                    }
                }
            }
            if (found.size() == before && !slugs.isEmpty() && partial.isEmpty()) {
                problems.add("No issue in " + String.join(", ", slugs) + " carries " + selector
                        + " (is it spelled as on GitHub, or was it renamed?).");
            }
        }
        return new Fetch(new ArrayList<>(found.values()), problems, unreadable, !partial.isEmpty());
    }

    /**
     * GitHub refuses a whole search (422) when one {@code repo:} does not
     * exist; asking each repository once then tells which to leave out. The
     * ones found missing before are asked again on each sync ({@code onlyKnown}),
     * the others only after a refused search.
     */
    private List<String> withoutMissing(List<String> slugs, List<RepoRef> unreadable, Map<String, RepoRef> bySlug,
                                        List<String> problems, boolean onlyKnown) throws IOException {
        List<String> ok = new ArrayList<>();
        for (String s : slugs) {
                if (onlyKnown && !knownMissing.contains(s)) {
                    ok.add(s);
                    continue;
                }
                try {
                    api.gitHub().getRepository(s);
                    knownMissing.remove(s);
                    ok.add(s);
                } catch (IOException e) {
                    if (GitHubApi.statusOf(e) != 404) {
                        throw e;
                    }
                    knownMissing.add(s);
                    unreadable.add(bySlug.get(s));
                    problems.add("Repository " + s + " was not found on GitHub (deleted, renamed or private); the rest of the release was synced.");
                }
        }
        return ok;
    }
    private final Set<String> knownMissing = ConcurrentHashMap.newKeySet();

    private void search(List<String> slugs, String selector, Map<String, RepoRef> bySlug, Map<String, Issue> found,
                        List<String> problems, Set<String> partial) throws IOException {
        if (slugs.isEmpty()) {
            return;
        }
        for (String q : queries(slugs, selector)) {
            boolean splittable = slugs.size() > 1;
            Page first = firstPage(q, splittable);
            if (first.total() > SEARCH_CAP && splittable) {
                int half = slugs.size() / 2;
                search(slugs.subList(0, half), selector, bySlug, found, problems, partial);
                search(slugs.subList(half, slugs.size()), selector, bySlug, found, problems, partial);
                return;
            }
            if (first.incomplete()) {
                partial.add(selector.strip());
            }
            if (first.total() > SEARCH_CAP) {
                problems.add("GitHub returns at most 1,000 results for " + selector + "; " + first.total()
                        + " match, so some were left out.");
            }
            for (GHIssue i : first.items()) {
                toIssue(i, bySlug).ifPresent(issue -> found.putIfAbsent(issue.url(), issue));
            }
        }
    }

    /** @param incomplete GitHub marked a page of it {@code incomplete_results} */
    private record Page(int total, List<GHIssue> items, boolean incomplete) {
    }

    /**
     * All pages of one query; when page 1 is unchanged (304), the result is
     * the one remembered for this query. An incomplete result is not
     * remembered: the next sync reads it again.
     */
    private Page firstPage(String q, boolean splittable) throws IOException {
        try {
            api.connector().clearIncomplete();
            PagedSearchIterable<GHIssue> it = api.gitHub().searchIssues().q(q)
                    .sort(org.kohsuke.github.GHIssueSearchBuilder.Sort.UPDATED).order(org.kohsuke.github.GHDirection.DESC)
                    .list().withPageSize(PAGE);
            PagedIterator<GHIssue> pages = it.iterator();
            List<GHIssue> items = new ArrayList<>();
            if (!pages.hasNext()) {
                boolean incomplete = api.connector().sawIncomplete();
                if (!incomplete) {
                    remember(q, List.of());
                }
                return new Page(it.getTotalCount(), List.of(), incomplete);
            }
            items.addAll(pages.nextPage());
            int total = it.getTotalCount();
            List<GHIssue> remembered = lastResults.get(q);
            if (api.connector().lastWasNotModified() && remembered != null) {
                return new Page(total, remembered, false);
            }
            if (total > SEARCH_CAP && splittable) {
                return new Page(total, items, api.connector().sawIncomplete());
            }
            while (pages.hasNext()) {
                items.addAll(pages.nextPage());
            }
            boolean incomplete = api.connector().sawIncomplete();
            if (incomplete) {
                lastResults.remove(q);
            } else {
                remember(q, List.copyOf(items));
            }
            return new Page(total, items, incomplete);
        } catch (GHException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** The result of a query, in place of the same query with last week's closed date. */
    private void remember(String q, List<GHIssue> items) {
        String undated = q.replaceAll("closed:>=\\S+", "");
        lastResults.keySet().removeIf(k -> !k.equals(q) && k.replaceAll("closed:>=\\S+", "").equals(undated));
        lastResults.put(q, items);
    }

    /** {@code repo:} terms when they fit in GitHub's 256 characters, else {@code user:} terms (results filtered to the repos). */
    static List<String> queries(List<String> slugs, String selector) {
        String repos = String.join(" ", slugs.stream().map(s -> "repo:" + s).toList());
        if (repos.length() + selector.length() + 1 <= MAX_QUERY) {
            return List.of(repos + " " + selector);
        }
        Set<String> owners = new LinkedHashSet<>();
        slugs.forEach(s -> owners.add(s.substring(0, s.indexOf('/'))));
        String users = String.join(" ", owners.stream().map(o -> "user:" + o).toList());
        if (users.length() + selector.length() + 1 <= MAX_QUERY) {
            return List.of(users + " " + selector);
        }
        List<String> out = new ArrayList<>();
        StringBuilder q = new StringBuilder();
        for (String s : slugs) {
            String term = "repo:" + s;
            if (q.length() > 0 && q.length() + term.length() + selector.length() + 2 > MAX_QUERY) {
                out.add(q + " " + selector);
                q.setLength(0);
            }
            q.append(q.length() == 0 ? "" : " ").append(term);
        }
        out.add(q + " " + selector);
        return out;
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\"", "") + "\"";
    }

    private static java.util.Optional<Issue> toIssue(GHIssue i, Map<String, RepoRef> bySlug) throws IOException {
        String url = i.getHtmlUrl().toString();
        String[] parts = i.getHtmlUrl().getPath().split("/");
        if (parts.length < 3) {
            return java.util.Optional.empty();
        }
        String slug = parts[1] + "/" + parts[2];
        RepoRef repo = bySlug.get(slug.toLowerCase(Locale.ROOT));
        if (repo == null) {
            return java.util.Optional.empty();
        }
        List<String> labels = i.getLabels().stream().map(GHLabel::getName).toList();
        List<String> assignees = i.getAssignees().stream().map(GHUser::getLogin).toList();
        boolean open = i.getState() == org.kohsuke.github.GHIssueState.OPEN;
        return java.util.Optional.of(new Issue(repo, slug, i.getNumber(), i.getTitle() == null ? "" : i.getTitle(), url, labels,
                assignees, open, instant(i.getCreatedAt()), instant(i.getUpdatedAt()), open ? null : instant(i.getClosedAt())));
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }

    /**
     * The repository's issue events, a page at a time. GitHub does not document
     * their order, so nothing depends on it: every event of a page is read, and
     * the reading stops after a page with no event since the oldest closing
     * wanted (GitHub lists them newest first in practice), after
     * {@value #MAX_EVENT_PAGES} pages, or when every issue has its fix. An
     * issue this does not answer for is looked up in its own events
     * ({@link #fixCommitsOfEach}), so stopping early costs requests, never a fix.
     */
    @Override
    public Map<Integer, List<Sha>> fixCommits(RepoRef repo, List<Issue> closed) {
        String slug = api.slug(repo).orElse(null);
        if (slug == null || closed.isEmpty()) {
            return Map.of();
        }
        Map<Integer, Issue> wanted = new HashMap<>();
        closed.forEach(i -> wanted.put(i.number(), i));
        Instant oldest = closed.stream().map(Issue::closed).filter(java.util.Objects::nonNull).min(Instant::compareTo)
                .orElse(Instant.EPOCH).minus(Duration.ofMinutes(5));
        Map<Integer, List<Sha>> fixes = new HashMap<>();
        try {
            GHRepository repository = api.gitHub().getRepository(slug);
            PagedIterator<GHIssueEvent> pages = repository.listIssueEvents().withPageSize(PAGE).iterator();
            int read = 0;
            while (read++ < MAX_EVENT_PAGES && pages.hasNext()) { // hasNext() fetches the next page: the bound goes first
                boolean recent = false;
                for (GHIssueEvent e : pages.nextPage()) {
                    recent |= e.getCreatedAt() == null || !e.getCreatedAt().toInstant().isBefore(oldest);
                    record(e, e.getIssue() == null ? -1 : e.getIssue().getNumber(), wanted, fixes);
                }
                if (fixes.keySet().containsAll(wanted.keySet()) || !recent) {
                    break;
                }
            }
        } catch (IOException e) {
            throw api.unavailable(e, "reading issue events of " + slug);
        } catch (GHException e) {
            throw api.unavailable(e.getCause() instanceof IOException io ? io : new IOException(e), "reading issue events of " + slug);
        }
        return fixes;
    }

    /**
     * Each issue's own events ({@code GET /repos/o/r/issues/n/events}), for
     * issues the repository's events did not reach. Only {@code closed} and
     * {@code merged} events name the fix: a {@code referenced} event names any
     * commit that mentions the issue — a work-in-progress branch, or the
     * backport itself — so it is not taken as the fix on the default branch.
     * A closing asked about once is not asked about again.
     */
    @Override
    public Lookup fixCommitsOfEach(RepoRef repo, List<Issue> closed, int max) {
        String slug = api.slug(repo).orElse(null);
        if (slug == null || closed.isEmpty() || max <= 0) {
            return new Lookup(Map.of(), 0);
        }
        Map<Integer, List<Sha>> fixes = new HashMap<>();
        int asked = 0;
        try {
            GHRepository repository = null;
            for (Issue issue : closed) {
                if (asked >= max) {
                    break;
                }
                String key = issue.url() + "@" + issue.closed();
                if (askedOneByOne.contains(key)) {
                    continue;
                }
                repository = repository == null ? api.gitHub().getRepository(slug) : repository;
                asked++;
                Map<Integer, Issue> wanted = Map.of(issue.number(), issue);
                try {
                    PagedIterator<GHIssueEvent> pages = repository.getIssue(issue.number()).listEvents().withPageSize(PAGE).iterator();
                    for (int read = 0; read < MAX_ISSUE_EVENT_PAGES && pages.hasNext(); read++) {
                        for (GHIssueEvent e : pages.nextPage()) {
                            record(e, issue.number(), wanted, fixes);
                        }
                    }
                } catch (IOException e) {
                    if (!GitHubApi.notThere(e)) {
                        throw e;
                    }
                    // transferred or deleted since the search (404, 410 Gone): nothing to learn from it
                }
                askedOneByOne.add(key);
            }
        } catch (IOException e) {
            throw api.unavailable(e, "reading the events of issues of " + slug);
        } catch (GHException e) {
            throw api.unavailable(e.getCause() instanceof IOException io ? io : new IOException(e), "reading the events of issues of " + slug);
        }
        return new Lookup(fixes, asked);
    }

    private final Set<String> askedOneByOne = ConcurrentHashMap.newKeySet();

    private static void record(GHIssueEvent e, int number, Map<Integer, Issue> wanted, Map<Integer, List<Sha>> fixes) {
        if (!wanted.containsKey(number) || e.getCommitId() == null) {
            return;
        }
        if (!"closed".equals(e.getEvent()) && !"merged".equals(e.getEvent())) {
            return;
        }
        try {
            Sha sha = new Sha(e.getCommitId());
            List<Sha> list = fixes.computeIfAbsent(number, n -> new ArrayList<>());
            if (!list.contains(sha)) {
                list.add(sha);
            }
        } catch (dev.btrbot.domain.Refusal ignored) {
            // not a full sha: nothing to check
        }
    }
}
