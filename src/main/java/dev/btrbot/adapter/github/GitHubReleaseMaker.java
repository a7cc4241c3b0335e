package dev.btrbot.adapter.github;

import dev.btrbot.core.port.GitHubReleases;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.RepoRef;
import java.io.IOException;
import org.kohsuke.github.GHRelease;
import org.kohsuke.github.GHRepository;

/**
 * Creates a repository's GitHub release of a tag ({@code POST /repos/{o}/{r}/releases}),
 * after asking whether one exists ({@code GET /repos/{o}/{r}/releases/tags/{tag}}):
 * an existing release is reported, never duplicated or changed. Needs a token
 * that may write the repository's contents.
 */
public final class GitHubReleaseMaker implements GitHubReleases {
    private final GitHubApi api;

    public GitHubReleaseMaker(GitHubApi api) {
        this.api = api;
    }

    @Override
    public String unavailableBecause() {
        return null;
    }

    @Override
    public Published publish(RepoRef repo, GitRefName tag, String title, String body) {
        String slug = api.slug(repo).orElseThrow(() -> new Unavailable(repo.name() + " is not on GitHub."));
        String doing = "creating the release of " + tag + " in " + slug;
        try {
            GHRepository r = api.gitHub().getRepository(slug);
            GHRelease existing = r.getReleaseByTagName(tag.value());
            if (existing != null) {
                return new Published(repo, tag, false, String.valueOf(existing.getHtmlUrl()));
            }
            GHRelease created = r.createRelease(tag.value()).name(title).body(body).draft(false).prerelease(false).create();
            return new Published(repo, tag, true, String.valueOf(created.getHtmlUrl()));
        } catch (IOException e) {
            throw new Unavailable(api.describe(e, doing));
        }
    }
}
