package dev.btrbot.core.port;

import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.RepoRef;

/** Creates a GitHub release for a tag, with release notes as its body. */
public interface GitHubReleases {
    /** Why releases cannot be created at all (no token), or null when they can. */
    String unavailableBecause();

    /**
     * Creates the release of {@code tag} unless one exists already.
     *
     * @throws Unavailable naming why GitHub did not create it
     */
    Published publish(RepoRef repo, GitRefName tag, String title, String body);

    /** @param created false when a release of the tag existed already (it is left as it is) */
    record Published(RepoRef repo, GitRefName tag, boolean created, String url) {
    }

    GitHubReleases NONE = new GitHubReleases() {
        @Override
        public String unavailableBecause() {
            return "creating GitHub releases needs GITHUB_TOKEN (a token allowed to write the repositories' contents).";
        }

        @Override
        public Published publish(RepoRef repo, GitRefName tag, String title, String body) {
            throw new Unavailable(unavailableBecause());
        }
    };
}
