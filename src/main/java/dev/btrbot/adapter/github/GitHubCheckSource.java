package dev.btrbot.adapter.github;

import dev.btrbot.core.port.CheckSource;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.CheckResult;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCommitState;
import org.kohsuke.github.GHCommitStatus;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHRepository;

/**
 * Required checks from GitHub's checks API (check runs by name) and, for names
 * no check run has, the commit statuses API (by context). The newest run or
 * status of a name decides. A run still going is pending; a run that ended in
 * anything but success (neutral and skipped included) has not succeeded.
 */
public final class GitHubCheckSource implements CheckSource {
    private final GitHubApi api;

    public GitHubCheckSource(GitHubApi api) {
        this.api = api;
    }

    @Override
    public List<CheckResult> results(RepoRef repo, Sha sha, List<String> names) {
        String slug = api.slug(repo).orElse(null);
        if (slug == null) {
            return names.stream().map(n -> new CheckResult(repo, sha, n, CheckResult.State.MISSING, null)).toList();
        }
        try {
            GHRepository r = api.gitHub().getRepository(slug);
            List<GHCheckRun> runs = r.getCheckRuns(sha.value()).withPageSize(100).toList();
            List<CheckResult> results = new ArrayList<>();
            List<GHCommitStatus> statuses = null;
            for (String name : names) {
                Optional<GHCheckRun> run = runs.stream().filter(c -> name.equals(c.getName()))
                        .max(Comparator.comparingLong(GHCheckRun::getId));
                if (run.isPresent()) {
                    results.add(new CheckResult(repo, sha, name, state(run.get()), link(run.get())));
                    continue;
                }
                if (statuses == null) {
                    statuses = r.listCommitStatuses(sha.value()).withPageSize(100).toList();
                }
                Optional<GHCommitStatus> status = statuses.stream().filter(s -> name.equals(s.getContext())).findFirst();
                results.add(status.map(s -> new CheckResult(repo, sha, name, state(s.getState()), s.getTargetUrl()))
                        .orElse(new CheckResult(repo, sha, name, CheckResult.State.MISSING, null)));
            }
            return results;
        } catch (IOException e) {
            throw new Unavailable(api.describe(e, "reading checks of " + slug + "@" + sha.shortId()));
        } catch (GHException e) {
            throw new Unavailable(api.describe(e.getCause() instanceof IOException io ? io : new IOException(e),
                    "reading checks of " + slug + "@" + sha.shortId()));
        }
    }

    private static CheckResult.State state(GHCheckRun run) {
        if (run.getStatus() != GHCheckRun.Status.COMPLETED) {
            return CheckResult.State.PENDING;
        }
        return run.getConclusion() == GHCheckRun.Conclusion.SUCCESS ? CheckResult.State.SUCCEEDED : CheckResult.State.FAILED;
    }

    private static String link(GHCheckRun run) {
        if (run.getHtmlUrl() != null) {
            return run.getHtmlUrl().toString();
        }
        return run.getDetailsUrl() == null ? null : run.getDetailsUrl().toString();
    }

    private static CheckResult.State state(GHCommitState s) {
        if (s == null) {
            return CheckResult.State.MISSING;
        }
        return switch (s) {
            case SUCCESS -> CheckResult.State.SUCCEEDED;
            case PENDING -> CheckResult.State.PENDING;
            default -> CheckResult.State.FAILED;
        };
    }
}
