package dev.btrbot.domain;

import java.util.List;
import java.util.Objects;

/**
 * What one repository of a candidate brings since the previous release:
 * {@code fromTag..to}, first-parent, read from git.
 *
 * @param fromTag   the previous release's tag the range starts from
 * @param tagChosen how the tag was chosen, said in the notes ("given with --from", "newest tag matching … that is an
 *                  ancestor of …")
 * @param changes   pull requests and commits of their own, oldest first, each once
 * @param picks     cherry-picks onto the release branch, each original once
 */
public record RepoChanges(RepoRef repo, String fromTag, String tagChosen, Sha to, List<Change> changes, List<CherryPick> picks) {
    public RepoChanges {
        Objects.requireNonNull(repo);
        Objects.requireNonNull(fromTag);
        Objects.requireNonNull(to);
        changes = List.copyOf(changes);
        picks = List.copyOf(picks);
    }

    /** The same range with these entries (GitHub's titles, labels and authors added). */
    public RepoChanges with(List<Change> newChanges, List<CherryPick> newPicks) {
        return new RepoChanges(repo, fromTag, tagChosen, to, newChanges, newPicks);
    }

    /** A link to the whole range: GitHub's compare page, or the git range for another host. */
    public String compareLink() {
        return repo.gitHubSlug().map(s -> "https://github.com/" + s + "/compare/" + fromTag + "..." + to.value())
                .orElse("`git log --first-parent " + fromTag + ".." + to.shortId() + "` in " + repo.shown());
    }

    /** How a pull request of this repository is written: {@code org/name#12} on GitHub (linked everywhere), else {@code #12}. */
    public String prRef(int pr) {
        return repo.gitHubSlug().map(s -> s + "#" + pr).orElse("#" + pr);
    }
}
