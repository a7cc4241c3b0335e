package dev.btrbot.adapter.github;

import dev.btrbot.core.port.BlockerSource.Fixes;
import dev.btrbot.core.port.BlockerSource.Issue;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHIssueEvent;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.PagedIterator;

/**
 * The commit that closed an issue on its repository's default branch, from
 * GitHub's issue events: {@code closed} and {@code merged} events that name a
 * commit. Issues that just closed are looked up in their repository's events
 * (newest first, as far as the closings go); an issue those do not answer for
 * (closed long ago in a busy repository, or met closed for the first time) is
 * looked up in its own events, at most {@value #LOOKUPS_PER_CALL} issues per
 * call, and each closing only once while the bot runs. A {@code referenced}
 * event names any commit that mentions the issue — a work-in-progress branch,
 * or the backport itself — so it is never taken for the fix.
 */
final class FixCommitLookup {
    static final int PAGE = 100;
    /** The repository's events are read at most this many pages back. */
    static final int MAX_EVENT_PAGES = 10;
    /** One issue's events are few; a page or three covers even a long discussion's labels and references. */
    static final int MAX_ISSUE_EVENT_PAGES = 3;
    /** Issues looked up one by one per call (per sync); the rest wait for the next. */
    static final int LOOKUPS_PER_CALL = 20;

    private final GitHubApi api;
    private final Set<String> askedOneByOne = ConcurrentHashMap.newKeySet();

    FixCommitLookup(GitHubApi api) {
        this.api = api;
    }

    Fixes fixes(List<Issue> justClosed, List<Issue> unknown) {
        Map<String, List<Sha>> byUrl = new HashMap<>();
        List<String> problems = new ArrayList<>();
        Map<RepoRef, List<Issue>> closedByRepo = byRepo(justClosed);
        for (var e : closedByRepo.entrySet()) {
            try {
                byUrl.putAll(fromRepositoryEvents(e.getKey(), e.getValue()));
            } catch (Unavailable ex) {
                problems.add(cannotRead(e.getKey(), ex));
            }
        }
        // those that just closed first, then the others, repository by repository
        Map<RepoRef, List<Issue>> oneByOne = new LinkedHashMap<>();
        closedByRepo.forEach((repo, list) -> list.stream().filter(i -> !byUrl.containsKey(i.url()))
                .forEach(i -> oneByOne.computeIfAbsent(repo, r -> new ArrayList<>()).add(i)));
        unknown.stream().filter(i -> !justClosed.contains(i))
                .forEach(i -> oneByOne.computeIfAbsent(i.repo(), r -> new ArrayList<>()).add(i));
        int budget = LOOKUPS_PER_CALL;
        for (var e : oneByOne.entrySet()) {
            if (budget <= 0) {
                break;
            }
            try {
                budget -= fromOwnEvents(e.getKey(), e.getValue(), budget, byUrl);
            } catch (Unavailable ex) {
                problems.add(cannotRead(e.getKey(), ex));
                break;
            }
        }
        return new Fixes(byUrl, problems);
    }

    private static String cannotRead(RepoRef repo, Unavailable e) {
        return "Fix commits of " + repo.name() + " could not be read: " + e.getMessage();
    }

    private static Map<RepoRef, List<Issue>> byRepo(List<Issue> issues) {
        Map<RepoRef, List<Issue>> byRepo = new LinkedHashMap<>();
        issues.forEach(i -> byRepo.computeIfAbsent(i.repo(), r -> new ArrayList<>()).add(i));
        return byRepo;
    }

    /**
     * The repository's issue events, a page at a time. GitHub does not document
     * their order, so nothing depends on it: every event of a page is read, and
     * the reading stops after a page with no event since the oldest closing
     * wanted (GitHub lists them newest first in practice), after
     * {@value #MAX_EVENT_PAGES} pages, or when every issue has its fix. An
     * issue this does not answer for is looked up in its own events, so
     * stopping early costs requests, never a fix.
     */
    private Map<String, List<Sha>> fromRepositoryEvents(RepoRef repo, List<Issue> closed) {
        String slug = api.slug(repo).orElse(null);
        if (slug == null || closed.isEmpty()) {
            return Map.of();
        }
        Map<Integer, Issue> wanted = new HashMap<>();
        closed.forEach(i -> wanted.put(i.number(), i));
        Instant oldest = closed.stream().map(Issue::closed).filter(Objects::nonNull).min(Instant::compareTo)
                .orElse(Instant.EPOCH).minus(Duration.ofMinutes(5));
        Map<String, List<Sha>> fixes = new HashMap<>();
        try {
            GHRepository repository = api.gitHub().getRepository(slug);
            PagedIterator<GHIssueEvent> pages = repository.listIssueEvents().withPageSize(PAGE).iterator();
            int read = 0;
            while (read++ < MAX_EVENT_PAGES && pages.hasNext()) { // hasNext() fetches the next page: the bound goes first
                boolean recent = false;
                for (GHIssueEvent e : pages.nextPage()) {
                    recent |= e.getCreatedAt() == null || !e.getCreatedAt().toInstant().isBefore(oldest);
                    record(e, wanted.get(e.getIssue() == null ? -1 : e.getIssue().getNumber()), fixes);
                }
                if (fixes.size() == wanted.size() || !recent) {
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
     * Each issue's own events ({@code GET /repos/o/r/issues/n/events}), at most {@code max} issues, none asked about
     * twice for the same closing. @return how many issues were asked about
     */
    private int fromOwnEvents(RepoRef repo, List<Issue> closed, int max, Map<String, List<Sha>> fixes) {
        String slug = api.slug(repo).orElse(null);
        if (slug == null || closed.isEmpty() || max <= 0) {
            return 0;
        }
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
                try {
                    PagedIterator<GHIssueEvent> pages = repository.getIssue(issue.number()).listEvents().withPageSize(PAGE).iterator();
                    for (int read = 0; read < MAX_ISSUE_EVENT_PAGES && pages.hasNext(); read++) {
                        for (GHIssueEvent e : pages.nextPage()) {
                            record(e, issue, fixes);
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
        return asked;
    }

    /** A {@code closed} or {@code merged} event of a wanted issue, with a full commit sha (an abbreviated one cannot be checked). */
    private static void record(GHIssueEvent e, Issue issue, Map<String, List<Sha>> fixes) {
        if (issue == null || !Sha.isFull(e.getCommitId()) || !("closed".equals(e.getEvent()) || "merged".equals(e.getEvent()))) {
            return;
        }
        Sha sha = new Sha(e.getCommitId());
        List<Sha> list = fixes.computeIfAbsent(issue.url(), u -> new ArrayList<>());
        if (!list.contains(sha)) {
            list.add(sha);
        }
    }
}
