package dev.btrbot.testing;

import static dev.btrbot.testing.TestGit.commit;
import static dev.btrbot.testing.TestGit.git;

import java.nio.file.Path;

/**
 * A real repository ("configuration", a bare remote and a work tree) whose master moved on after the release branch
 * {@code open-release/koa.master} forked, the way GitHub merges pull requests:
 * <ul>
 *   <li>#10, a merge commit ("Merge pull request #10 from …") of a commit carrying {@code Backport-To: koa};</li>
 *   <li>#11, a squash ("Fix mysql client (#11)") carrying {@code Affects: koa.2}, cherry-picked with -x to the branch;</li>
 *   <li>#12, a squash carrying {@code Backport-To: open-release/koa.master}, cherry-picked without -x (same patch);</li>
 *   <li>#13, a squash carrying {@code backport-to: Koa} (any case), on master only;</li>
 *   <li>a rebase-merged change carrying {@code Backport-To: koa} whose message names no pull request;</li>
 *   <li>#14 asking for another release (lilac), and #9 asking for none.</li>
 * </ul>
 */
public final class BackportHistory {
    public static final String BRANCH = "open-release/koa.master";

    public final Path bare;
    public final Path work;
    public final String pr10Merge;
    public final String pr11;
    public final String pr12;
    public final String pr13;
    public final String rebased;

    public BackportHistory(Path dir) {
        bare = dir.resolve("configuration.git");
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        git(dir, "init", "--quiet", "--bare", bare.toString());
        work = TestGit.repo(dir.resolve("configuration"));
        git(work, "remote", "add", "origin", bare.toString());
        git(work, "branch", BRANCH);

        git(work, "checkout", "--quiet", "-b", "alice/fix-nginx");
        commit(work, "nginx.conf", "worker_processes 2;\n", "Fix nginx config\n\nBackport-To: koa");
        git(work, "checkout", "--quiet", "master");
        commit(work, "README", "hello, world\n", "Reword the readme (#9)");
        git(work, "merge", "--quiet", "--no-ff", "-m", "Merge pull request #10 from alice/fix-nginx\n\nFix nginx config", "alice/fix-nginx");
        pr10Merge = git(work, "rev-parse", "HEAD");
        pr11 = commit(work, "mysql.txt", "client 8\n", "Fix mysql client (#11)\n\nAffects: koa.2");
        pr12 = commit(work, "cert.txt", "/etc/ssl\n", "Fix cert path (#12)\n\n* Fix cert path\n\nBackport-To: open-release/koa.master");
        pr13 = commit(work, "theme.txt", "dark\n", "Bump theme (#13)\n\nbackport-to: Koa");
        rebased = commit(work, "docs.txt", "typo fixed\n", "Fix typo in docs\n\nBackport-To: koa");
        commit(work, "lilac.txt", "lilac\n", "Lilac only (#14)\n\nBackport-To: lilac");

        git(work, "checkout", "--quiet", BRANCH);
        git(work, "cherry-pick", "-x", pr11);
        git(work, "cherry-pick", pr12);
        git(work, "checkout", "--quiet", "master");
        git(work, "push", "--quiet", "origin", "master", BRANCH);
    }

    /** Cherry-picks a commit of master onto the release branch ({@code -x}; a merge commit with {@code -m 1}) and pushes it. */
    public void cherryPickX(String sha, boolean merge) {
        git(work, "checkout", "--quiet", BRANCH);
        if (merge) {
            git(work, "cherry-pick", "-x", "-m", "1", sha);
        } else {
            git(work, "cherry-pick", "-x", sha);
        }
        git(work, "checkout", "--quiet", "master");
        git(work, "push", "--quiet", "origin", BRANCH);
    }
}
