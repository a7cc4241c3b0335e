package dev.btrbot.adapter.github;

import dev.btrbot.core.port.BlockerSource.Fetch;
import dev.btrbot.core.port.BlockerSource.Issue;
import dev.btrbot.core.port.BlockerSource.Query;
import dev.btrbot.domain.RepoRef;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.github.GHDirection;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueSearchBuilder;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.PagedIterator;
import org.kohsuke.github.PagedSearchIterable;

/**
 * Runs the searches {@link IssueQueries} plans, paged 100 at a time, sorted
 * by last update so that an unchanged first page (a free 304) means an
 * unchanged result, which is then answered from memory. A query with more
 * than GitHub's 1,000 results is split by repository. A result GitHub marks
 * {@code incomplete_results} (its search timed out) is reported as such and
 * never remembered, so the next sync asks again. GitHub refuses a whole search
 * (422) when one {@code repo:} does not exist: the repositories are then asked
 * about one by one, and the missing ones left out (and asked about again on
 * each sync).
 */
final class IssueSearch {
    static final int PAGE = 100;
    static final int SEARCH_CAP = 1_000;

    private final GitHubApi api;
    private final Duration closedWindow;
    private final Clock clock;
    private final Map<String, List<GHIssue>> lastResults = new ConcurrentHashMap<>();
    private final Set<String> knownMissing = ConcurrentHashMap.newKeySet();

    IssueSearch(GitHubApi api, Duration closedWindow, Clock clock) {
        this.api = api;
        this.closedWindow = closedWindow;
        this.clock = clock;
    }

    Fetch issues(Query query) {
        Map<String, RepoRef> bySlug = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (RepoRef r : query.repos()) {
            api.slug(r).ifPresentOrElse(s -> bySlug.put(s.toLowerCase(Locale.ROOT), r),
                    () -> problems.add(r.name() + " is not a GitHub repository; its blockers are added by hand."));
        }
        if (bySlug.isEmpty()) {
            return new Fetch(List.of(), problems, List.of());
        }
        List<String> selectors = IssueQueries.selectors(query.milestone(), query.label());
        List<List<String>> termsBySelector = IssueQueries.terms(selectors, IssueQueries.states(closedWindow, clock.instant()));
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
        for (int s = 0; s < selectors.size(); s++) {
            int before = found.size();
            for (String terms : termsBySelector.get(s)) {
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
            if (found.size() == before && !slugs.isEmpty() && partial.isEmpty()) {
                problems.add("No issue in " + String.join(", ", slugs) + " carries " + selectors.get(s)
                        + " (is it spelled as on GitHub, or was it renamed?).");
            }
        }
        return new Fetch(new ArrayList<>(found.values()), problems, unreadable, !partial.isEmpty());
    }

    /**
     * The repositories that exist. The ones found missing before are asked
     * again on each sync ({@code onlyKnown}), the others only after a refused search.
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

    private void search(List<String> slugs, String terms, Map<String, RepoRef> bySlug, Map<String, Issue> found,
                        List<String> problems, Set<String> partial) throws IOException {
        if (slugs.isEmpty()) {
            return;
        }
        for (String q : IssueQueries.queries(slugs, terms)) {
            boolean splittable = slugs.size() > 1;
            Page first = allPages(q, splittable);
            if (first.total() > SEARCH_CAP && splittable) {
                int half = slugs.size() / 2;
                search(slugs.subList(0, half), terms, bySlug, found, problems, partial);
                search(slugs.subList(half, slugs.size()), terms, bySlug, found, problems, partial);
                return;
            }
            if (first.incomplete()) {
                partial.add(terms.strip());
            }
            if (first.total() > SEARCH_CAP) {
                problems.add("GitHub returns at most 1,000 results for " + terms + "; " + first.total()
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
     * All pages of one query (only the first when it is over the cap and can be split); when page 1 is unchanged (304),
     * the result is the one remembered for this query.
     */
    private Page allPages(String q, boolean splittable) throws IOException {
        try {
            api.connector().clearIncomplete();
            PagedSearchIterable<GHIssue> it = api.gitHub().searchIssues().q(q)
                    .sort(GHIssueSearchBuilder.Sort.UPDATED).order(GHDirection.DESC).list().withPageSize(PAGE);
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
        String undated = IssueQueries.undated(q);
        lastResults.keySet().removeIf(k -> !k.equals(q) && IssueQueries.undated(k).equals(undated));
        lastResults.put(q, items);
    }

    private static Optional<Issue> toIssue(GHIssue i, Map<String, RepoRef> bySlug) throws IOException {
        String url = i.getHtmlUrl().toString();
        String[] parts = i.getHtmlUrl().getPath().split("/");
        if (parts.length < 3) {
            return Optional.empty();
        }
        String slug = parts[1] + "/" + parts[2];
        RepoRef repo = bySlug.get(slug.toLowerCase(Locale.ROOT));
        if (repo == null) {
            return Optional.empty();
        }
        List<String> labels = i.getLabels().stream().map(GHLabel::getName).toList();
        List<String> assignees = i.getAssignees().stream().map(GHUser::getLogin).toList();
        boolean open = i.getState() == GHIssueState.OPEN;
        return Optional.of(new Issue(repo, slug, i.getNumber(), i.getTitle() == null ? "" : i.getTitle(), url, labels,
                assignees, open, instant(i.getCreatedAt()), instant(i.getUpdatedAt()), open ? null : instant(i.getClosedAt())));
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
