package dev.btrbot.adapter.git;

import dev.btrbot.core.port.BackportCheck;
import dev.btrbot.core.port.CherryPicker;
import dev.btrbot.testing.TestGit;
import java.nio.file.Path;

/**
 * The git adapters for repositories named on GitHub ({@code openedx/edx-platform})
 * whose remotes are local bare repositories: git runs through a wrapper that
 * rewrites {@code https://github.com/} to {@code <remotes>/} (git's own
 * {@code url.<base>.insteadOf}), so a test can hold a release whose repositories
 * GitHub's API knows and git can reach.
 */
public final class GitHubRemotes {
    private final Git git;
    private final Path cache;

    /** @param remotes where {@code <org>/<name>.git} bare repositories stand in for GitHub's */
    public GitHubRemotes(Path remotes, Path work) {
        Path wrapper = TestGit.executable(work.resolve("git-via-local-remotes"),
                "#!/bin/sh\nexec git -c \"url." + remotes.toAbsolutePath() + "/.insteadOf=https://github.com/\" \"$@\"\n");
        this.git = new Git(wrapper.toString(), Git.DEFAULT_TIMEOUT);
        this.cache = work.resolve("git-cache");
    }

    public CherryPicker cherryPicker() {
        return new GitCherryPicker(cache.resolve("backports"), git, git);
    }

    public BackportCheck backportCheck() {
        return new GitBackportCheck(cache, git, git);
    }
}
