package dev.btrbot.adapter.github;

import dev.btrbot.core.port.IssueTracker;
import dev.btrbot.core.port.Unavailable;
import java.io.IOException;
import java.util.List;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueBuilder;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHMilestone;
import org.kohsuke.github.GHRepository;

/**
 * Files forum reports made blockers as GitHub issues ({@code BTR_FORUM_OPENS_ISSUES}): in the repository given, with
 * the release's milestone (found by its title among the repository's milestones) and label. A milestone the repository
 * does not have is refused rather than dropped, so the issue is never filed where the release's sync cannot see it.
 */
public final class GitHubIssueTracker implements IssueTracker {
    private final GitHubApi api;

    public GitHubIssueTracker(GitHubApi api) {
        this.api = api;
    }

    @Override
    public String open(String repo, String title, String body, String milestone, List<String> labels) {
        try {
            GHRepository r = api.gitHub().getRepository(repo);
            GHIssueBuilder issue = r.createIssue(title).body(body);
            if (milestone != null) {
                GHMilestone found = r.listMilestones(GHIssueState.ALL).withPageSize(100).toList().stream()
                        .filter(m -> milestone.equals(m.getTitle())).findFirst()
                        .orElseThrow(() -> new Unavailable(repo + " has no milestone '" + milestone + "': create it, or open the issue by hand."));
                issue.milestone(found);
            }
            labels.forEach(issue::label);
            GHIssue created = issue.create();
            return created.getHtmlUrl().toString();
        } catch (IOException e) {
            throw new Unavailable(api.describe(e, "opening an issue in " + repo));
        } catch (GHException e) {
            throw new Unavailable(api.describe(e.getCause() instanceof IOException io ? io : new IOException(e),
                    "opening an issue in " + repo));
        }
    }
}
