package dev.btrbot.adapter.github;

import dev.btrbot.core.port.PullFacts;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.Change;
import dev.btrbot.domain.RepoRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;

/**
 * Pull requests' titles, labels and authors for release notes: a change git
 * numbered is read as {@code GET /repos/{o}/{r}/pulls/{n}}; a commit git could
 * not number (a rebase-merged pull request's commits) is asked for the pull
 * requests that brought it ({@code GET /repos/{o}/{r}/commits/{sha}/pulls}),
 * the merged one first. Each pull request is read once per draft; a number
 * or commit GitHub does not know (404) keeps git's facts.
 */
public final class GitHubPullFacts implements PullFacts {
    private final GitHubApi api;

    public GitHubPullFacts(GitHubApi api) {
        this.api = api;
    }

    @Override
    public boolean covers(RepoRef repo) {
        return api.slug(repo).isPresent();
    }

    @Override
    public List<Change> enrich(RepoRef repo, List<Change> changes) {
        String slug = api.slug(repo).orElse(null);
        if (slug == null || changes.isEmpty()) {
            return changes;
        }
        String doing = "reading pull requests of " + slug;
        try {
            GHRepository r = api.gitHub().getRepository(slug);
            Map<Integer, Optional<GHPullRequest>> read = new HashMap<>();
            List<Change> out = new ArrayList<>();
            for (Change c : changes) {
                Optional<GHPullRequest> pr = c.pr() > 0
                        ? read.computeIfAbsent(c.pr(), n -> pull(r, n))
                        : pullOf(r, c);
                pr.ifPresent(p -> read.putIfAbsent(p.getNumber(), Optional.of(p)));
                out.add(pr.map(p -> facts(c, p)).orElse(c));
            }
            return out;
        } catch (IOException e) {
            throw new Unavailable(api.describe(e, doing));
        } catch (GHException e) {
            throw new Unavailable(api.describe(e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e), doing));
        }
    }

    private Optional<GHPullRequest> pull(GHRepository r, int number) {
        try {
            return Optional.of(r.getPullRequest(number));
        } catch (IOException e) {
            if (GitHubApi.notThere(e)) {
                return Optional.empty(); // "#N" in a message that names an issue, or a pull request of another repository
            }
            throw new GHException(e.getMessage(), e);
        }
    }

    private Optional<GHPullRequest> pullOf(GHRepository r, Change c) {
        try {
            List<GHPullRequest> pulls = r.getCommit(c.sha().value()).listPullRequests().withPageSize(100).toList();
            return pulls.stream().min(Comparator.comparing((GHPullRequest p) -> p.getMergedAt() == null).thenComparing(GHPullRequest::getNumber));
        } catch (IOException e) {
            int status = GitHubApi.statusOf(e);
            if (status == 404 || status == 422) {
                return Optional.empty();
            }
            throw new GHException(e.getMessage(), e);
        }
    }

    private static Change facts(Change c, GHPullRequest p) {
        try {
            return c.withPullRequest(p.getNumber(), p.getTitle(), p.getLabels().stream().map(GHLabel::getName).toList(),
                    p.getUser() == null ? null : p.getUser().getLogin());
        } catch (IOException e) {
            throw new GHException(e.getMessage(), e);
        }
    }
}
