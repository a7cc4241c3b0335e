package dev.btrbot.adapter.github;

import dev.btrbot.core.port.BackportSource;
import dev.btrbot.core.port.BlockerSource;
import dev.btrbot.domain.PullRequestRef;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kohsuke.github.GHDirection;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueSearchBuilder;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.PagedIterator;

/**
 * Backport candidates from GitHub: the merged pull requests of a release's GitHub repositories that carry one of its
 * backport labels, found by issue search ({@code is:pull-request is:merged label:"…"}, one search per label, the
 * repositories named as the blocker sync names them). A new pull request's merge commit is the commit its
 * {@code merged} (or {@code closed}) event names, looked up as the blocker sync looks up fix commits; one already in
 * the queue is not looked up again. Repositories elsewhere are left to the git history.
 */
public final class GitHubBackportSource implements BackportSource {
    static final int PAGE = 100;

    private final GitHubApi api;
    private final FixCommitLookup mergeCommits;

    public GitHubBackportSource(GitHubApi api) {
        this.api = api;
        this.mergeCommits = new FixCommitLookup(api);
    }

    @Override
    public Found find(Request request) {
        Map<String, RepoRef> bySlug = new LinkedHashMap<>();
        for (RepoRef r : request.repos()) {
            api.slug(r).ifPresent(s -> bySlug.put(s.toLowerCase(Locale.ROOT), r));
        }
        if (bySlug.isEmpty()) {
            return new Found(List.of(), List.of());
        }
        Map<String, Hit> hits = new LinkedHashMap<>();
        for (String label : request.labels().labelsFor(request.release(), request.branch())) {
            String terms = "label:\"" + label + "\" is:pull-request is:merged";
            for (String q : IssueQueries.queries(new ArrayList<>(bySlug.keySet()), terms)) {
                try {
                    search(q, label, bySlug, hits);
                } catch (IOException e) {
                    throw api.unavailable(e, "searching pull requests labelled '" + label + "'");
                }
            }
        }
        List<Hit> fresh = hits.values().stream().filter(h -> !request.known().contains(h.pr())).toList();
        if (fresh.isEmpty()) {
            return new Found(List.of(), List.of());
        }
        List<BlockerSource.Issue> asIssues = fresh.stream().map(Hit::issue).toList();
        BlockerSource.Fixes merges = mergeCommits.fixes(asIssues, List.of());
        List<Change> changes = new ArrayList<>();
        List<String> problems = new ArrayList<>(merges.problems());
        for (Hit h : fresh) {
            List<Sha> shas = merges.byUrl().getOrDefault(h.issue().url(), List.of());
            if (shas.isEmpty()) {
                problems.add(h.pr().shown() + " carries '" + h.label() + "' but GitHub named no merge commit for it yet; the next sync asks again.");
                continue;
            }
            changes.add(new Change(h.pr(), h.issue().title(), h.author(), shas.get(shas.size() - 1), h.issue().closed(),
                    "label '" + h.label() + "'"));
        }
        return new Found(changes, problems);
    }

    private record Hit(PullRequestRef pr, BlockerSource.Issue issue, String author, String label) {
    }

    private void search(String q, String label, Map<String, RepoRef> bySlug, Map<String, Hit> hits) throws IOException {
        try {
            PagedIterator<GHIssue> pages = api.gitHub().searchIssues().q(q).sort(GHIssueSearchBuilder.Sort.UPDATED)
                    .order(GHDirection.DESC).list().withPageSize(PAGE).iterator();
            for (int read = 0; read < IssueSearch.SEARCH_CAP / PAGE && pages.hasNext(); read++) {
                for (GHIssue i : pages.nextPage()) {
                    String[] parts = i.getHtmlUrl().getPath().split("/");
                    if (parts.length < 3) {
                        continue;
                    }
                    String slug = parts[1] + "/" + parts[2];
                    RepoRef repo = bySlug.get(slug.toLowerCase(Locale.ROOT));
                    if (repo == null) {
                        continue;
                    }
                    Instant closed = i.getClosedAt() == null ? null : i.getClosedAt().toInstant();
                    BlockerSource.Issue issue = new BlockerSource.Issue(repo, slug, i.getNumber(), i.getTitle() == null ? "" : i.getTitle(),
                            i.getHtmlUrl().toString(), i.getLabels().stream().map(GHLabel::getName).toList(), List.of(), false,
                            i.getCreatedAt() == null ? null : i.getCreatedAt().toInstant(),
                            i.getUpdatedAt() == null ? null : i.getUpdatedAt().toInstant(), closed);
                    PullRequestRef pr = new PullRequestRef(repo, i.getNumber());
                    String author = i.getUser() == null ? null : i.getUser().getLogin();
                    hits.putIfAbsent(issue.url(), new Hit(pr, issue, author, label));
                }
            }
        } catch (GHException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }
}
