package dev.btrbot.adapter.github;

import dev.btrbot.core.port.PullRequests;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.MergedPullRequest;
import dev.btrbot.domain.MergedPullRequest.How;
import dev.btrbot.domain.PullRequestRef;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.kohsuke.github.GHCommit;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestCommitDetail;
import org.kohsuke.github.GHRepository;

/**
 * Pull requests through GitHub's REST API. How a merged pull request reached
 * the default branch follows from what GitHub documents of
 * {@code merge_commit_sha}: the merge commit (two parents) when merged with
 * one, the squash commit when squashed, and the last of the rebased commits
 * when rebase-merged. A one-parent merge commit of a pull request of several
 * commits is a rebase when its message is the pull request's last commit's
 * message (a squash commit's is the title and the list of commits); the
 * rebased commits are then that many first parents back from it.
 */
public final class GitHubPullRequests implements PullRequests {
    private final GitHubApi api;

    public GitHubPullRequests(GitHubApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public boolean serves(RepoRef repo) {
        return api.hosts(repo);
    }

    @Override
    public MergedPullRequest merged(PullRequestRef pr) {
        String slug = slug(pr.repo());
        String doing = "reading pull request " + pr.label();
        try {
            GHRepository repository = api.gitHub().getRepository(slug);
            GHPullRequest pull = repository.getPullRequest(pr.number());
            if (!pull.isMerged() || pull.getMergeCommitSha() == null) {
                throw new Unavailable(pr.label() + " is not merged (" + (pull.getState() == GHIssueState.OPEN ? "still open"
                        : "closed without merging") + "): only a merged pull request is backported.");
            }
            Sha merge = new Sha(pull.getMergeCommitSha());
            How how = how(repository, pull, merge);
            List<Sha> commits = how == How.REBASED ? rebased(repository, merge, pull.getCommits()) : List.of(merge);
            List<String> labels = pull.getLabels().stream().map(GHLabel::getName).toList();
            String author = pull.getUser() == null ? null : pull.getUser().getLogin();
            return new MergedPullRequest(pr, pull.getTitle(), pull.getHtmlUrl().toString(), author, labels, how, commits);
        } catch (IOException e) {
            throw notFoundOr(e, pr, doing);
        } catch (GHException e) {
            throw api.unavailable(e.getCause() instanceof IOException io ? io : new IOException(e), doing);
        }
    }

    private How how(GHRepository repository, GHPullRequest pull, Sha merge) throws IOException {
        GHCommit commit = repository.getCommit(merge.value());
        if (commit.getParentSHA1s().size() > 1) {
            return How.MERGE_COMMIT;
        }
        if (pull.getCommits() <= 1) {
            return How.SQUASHED;
        }
        List<GHPullRequestCommitDetail> own = pull.listCommits().withPageSize(100).toList();
        String last = own.isEmpty() ? null : own.get(own.size() - 1).getCommit().getMessage();
        return last != null && last.strip().equals(commit.getCommitShortInfo().getMessage().strip()) ? How.REBASED : How.SQUASHED;
    }

    /** The {@code count} commits ending at {@code last}, following first parents, oldest first. */
    private static List<Sha> rebased(GHRepository repository, Sha last, int count) throws IOException {
        if (count > MergedPullRequest.MAX_COMMITS) {
            return Collections.nCopies(count, last); // refused as too long by the value itself
        }
        List<Sha> commits = new ArrayList<>(List.of(last));
        Sha at = last;
        while (commits.size() < count) {
            List<String> parents = repository.getCommit(at.value()).getParentSHA1s();
            if (parents.isEmpty()) {
                break;
            }
            at = new Sha(parents.get(0));
            commits.add(at);
        }
        Collections.reverse(commits);
        return commits;
    }

    @Override
    public Opened open(RepoRef repo, GitRefName base, GitRefName head, String title, String body, List<String> labels) {
        String slug = slug(repo);
        String doing = "opening a pull request from " + head + " into " + base + " of " + slug;
        try {
            GHPullRequest pull = api.gitHub().getRepository(slug).createPullRequest(title, head.value(), base.value(), body);
            if (!labels.isEmpty()) {
                pull.addLabels(labels.toArray(String[]::new));
            }
            return new Opened(pull.getNumber(), pull.getHtmlUrl().toString());
        } catch (IOException e) {
            throw api.unavailable(e, doing);
        } catch (GHException e) {
            throw api.unavailable(e.getCause() instanceof IOException io ? io : new IOException(e), doing);
        }
    }

    @Override
    public boolean isOpen(RepoRef repo, int number) {
        String slug = slug(repo);
        try {
            return api.gitHub().getRepository(slug).getPullRequest(number).getState() == GHIssueState.OPEN;
        } catch (IOException e) {
            throw api.unavailable(e, "reading pull request #" + number + " of " + slug);
        }
    }

    private String slug(RepoRef repo) {
        return api.slug(repo).orElseThrow(() -> new Unavailable(repo.name() + " is not a repository on GitHub."));
    }

    private Unavailable notFoundOr(IOException e, PullRequestRef pr, String doing) {
        if (GitHubApi.notThere(e)) {
            return new Unavailable("GitHub has no pull request " + pr.label() + " (404: not there, or not visible to the token).");
        }
        return api.unavailable(e, doing);
    }
}
