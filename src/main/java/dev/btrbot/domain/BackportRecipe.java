package dev.btrbot.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a backport is called and says, the same whether the bot does it or a
 * person does it by hand: the branch {@code backport/<release>/<pr>}, the pull
 * request's title {@code [<release>] <original title>} (the release in brackets
 * in front, so one release's backports sort together) and body, and the git
 * commands that do the same by hand.
 */
public final class BackportRecipe {
    /** GitHub's limit on a pull request title. */
    static final int MAX_TITLE = 256;

    private BackportRecipe() {
    }

    public static GitRefName branch(ReleaseName release, PullRequestRef pr) {
        return new GitRefName("backport/" + release.value() + "/" + pr.number());
    }

    public static String title(ReleaseName release, MergedPullRequest pr) {
        String title = "[" + release.value() + "] " + pr.title().replaceAll("\\s+", " ");
        return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 3) + "...";
    }

    /** Links the original pull request and lists the picked commits, each with the original it was picked from. */
    public static String body(Release release, MergedPullRequest pr, List<Sha> picked) {
        StringBuilder body = new StringBuilder();
        body.append("Backport of ").append(pr.url() != null ? pr.url() : pr.ref().label()).append(" to `")
                .append(release.branch().value()).append("` for ").append(release.name().value()).append(".\n\n");
        body.append("Cherry-picked with `git cherry-pick -x").append(pr.mainline() ? " -m 1" : "").append("` (")
                .append(pr.how().words).append("):\n");
        for (int i = 0; i < pr.commits().size(); i++) {
            body.append("- ").append(pr.commits().get(i).value());
            if (i < picked.size()) {
                body.append(" → ").append(picked.get(i).value());
            }
            body.append('\n');
        }
        return body.append("\nOpened by btr-bot (`backport ").append(release.name().value()).append(' ')
                .append(pr.ref().label()).append("`).\n").toString();
    }

    /** The commands that do the backport by hand, in a clone of the repository whose remote is {@code origin}. */
    public static List<String> byHand(Release release, MergedPullRequest pr) {
        GitRefName branch = branch(release.name(), pr.ref());
        List<String> lines = new ArrayList<>();
        lines.add("git fetch origin");
        lines.add("git switch -c " + branch + " origin/" + release.branch());
        lines.add("git cherry-pick -x " + (pr.mainline() ? "-m 1 " : "")
                + String.join(" ", pr.commits().stream().map(Sha::value).toList()));
        lines.add("# resolve the conflicts, git add the files, git cherry-pick --continue");
        lines.add("git push origin " + branch);
        lines.add(compareUrl(pr.ref().repo(), release.branch(), branch)
                .map(url -> "open the pull request: " + url)
                .orElse("open a pull request from " + branch + " into " + release.branch()));
        return lines;
    }

    /** GitHub's page that opens a pull request from {@code head} into {@code base}, for a github.com repository. */
    public static Optional<String> compareUrl(RepoRef repo, GitRefName base, GitRefName head) {
        return repo.gitHubSlug().map(slug -> "https://github.com/" + slug + "/compare/" + base + "..." + head + "?expand=1");
    }
}
