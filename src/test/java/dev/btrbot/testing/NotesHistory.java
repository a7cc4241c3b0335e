package dev.btrbot.testing;

import static dev.btrbot.testing.TestGit.commit;
import static dev.btrbot.testing.TestGit.git;

import java.nio.file.Path;

/**
 * A real repository whose history release notes are read from, as Open edX's
 * look: a previous release tagged on master ({@code open-release/juniper.1}),
 * then a pull request merged with a merge commit (#10), one squashed (#11) and
 * one rebase-merged (two commits without a number); the release branch
 * {@code open-release/koa.master} forks there; then fixes land on master
 * (#13 squashed; #14 merged, two commits; #15 squashed) and reach the release
 * branch as cherry-picks: #13 and both commits of #14 with {@code -x}, #15
 * without (found by patch id). An rc tag marks the release branch; a tag on a
 * branch that is no ancestor ({@code open-release/juniper.2}) must not be taken.
 */
public final class NotesHistory {
    public static final String BRANCH = "open-release/koa.master";
    public final Path dir;
    public String fix13;
    public String fix15;
    public String releaseHead;

    private NotesHistory(Path dir) {
        this.dir = dir;
    }

    public static NotesHistory create(Path dir) {
        NotesHistory h = new NotesHistory(TestGit.repo(dir));
        Path r = h.dir;
        git(r, "tag", "-a", "-m", "juniper.1", "open-release/juniper.1");
        git(r, "checkout", "--quiet", "-b", "open-release/juniper.master");
        commit(r, "hotfix.txt", "juniper hotfix\n", "A juniper hotfix");
        git(r, "tag", "-a", "-m", "juniper.2", "open-release/juniper.2");
        git(r, "checkout", "--quiet", "master");
        git(r, "checkout", "--quiet", "-b", "alice/feature");
        commit(r, "feature.txt", "the thing\n", "Add the thing, part 1");
        git(r, "checkout", "--quiet", "master");
        git(r, "merge", "--quiet", "--no-ff", "-m", "Merge pull request #10 from alice/feature\n\nAdd the thing", "alice/feature");
        commit(r, "crash.txt", "no crash\n", "Fix the crash (#11)");
        commit(r, "step.txt", "one\n", "Step one of the rebase");
        commit(r, "step.txt", "one\ntwo\n", "Step two of the rebase");
        git(r, "branch", BRANCH);
        h.fix13 = commit(r, "mysql.txt", "client 8\n", "Fix the mysql client on 20.04 (#13)");
        git(r, "checkout", "--quiet", "-b", "bob/fix14");
        String fix14a = commit(r, "login.txt", "login fixed\n", "Fix the login, part 1");
        String fix14b = commit(r, "login2.txt", "login fixed too\n", "Fix the login, part 2");
        git(r, "checkout", "--quiet", "master");
        git(r, "merge", "--quiet", "--no-ff", "-m", "Merge pull request #14 from bob/fix14\n\nFix the login", "bob/fix14");
        h.fix15 = commit(r, "theme.txt", "dark theme fixed\n", "Fix the dark theme (#15)");
        commit(r, "later.txt", "not picked\n", "A feature only master has (#16)");
        git(r, "checkout", "--quiet", BRANCH);
        git(r, "cherry-pick", "-x", h.fix13);
        git(r, "cherry-pick", "-x", fix14a);
        git(r, "cherry-pick", "-x", fix14b);
        git(r, "cherry-pick", h.fix15);
        git(r, "tag", "-a", "-m", "rc1", "open-release/koa.2rc1");
        h.releaseHead = git(r, "rev-parse", "HEAD");
        git(r, "checkout", "--quiet", "master");
        return h;
    }
}
