package dev.btrbot.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.btrbot.adapter.git.GitBackportCheck;
import dev.btrbot.core.BackportChecks;
import dev.btrbot.core.port.BackportCheck.Containment;
import dev.btrbot.core.port.BackportCheck;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backports decided through GitHub's compare and commits API, against a fake
 * GitHub with a small history: master has four fixes; the release branch
 * forked before them and carries a {@code cherry-pick -x} of one, the same
 * patch as another (moved lines, other whitespace, no trailer), and
 * unrelated work.
 */
class GitHubBackportCheckTest {
    static final String REPO = "openedx/configuration";
    static final GitRefName BRANCH = new GitRefName("open-release/koa.master");

    @TempDir
    Path dir;
    FakeGitHub github;
    GitHubApi api;
    GitHubBackportCheck check;
    String root;
    String trailerFix;
    String samePatchFix;
    String missingFix;
    String branchHead;

    @BeforeEach
    void history() {
        github = new FakeGitHub();
        root = github.commit(REPO, null, "Initial playbooks", Map.of("playbooks/mysql.yml", "@@ -0,0 +1,2 @@\n+- name: mysql\n+  apt: mysql-client"));
        trailerFix = github.commit(REPO, root, "Pin the mysql client for 20.04",
                Map.of("playbooks/mysql.yml", "@@ -1,2 +1,2 @@\n - name: mysql\n-  apt: mysql-client\n+  apt: mysql-client-8.0"));
        samePatchFix = github.commit(REPO, trailerFix, "Retry the pip download",
                Map.of("requirements/pip.txt", "@@ -10,3 +10,3 @@\n six\n-pip==20.0.2\n+pip==20.3.4\n wheel"));
        missingFix = github.commit(REPO, samePatchFix, "Fix the nginx timeout",
                Map.of("playbooks/nginx.yml", "@@ -4,1 +4,1 @@\n-timeout: 30\n+timeout: 300"));
        github.branch(REPO, "master", missingFix);
        String picked = github.commit(REPO, root, "Pin the mysql client for 20.04\n\n(cherry picked from commit " + trailerFix.substring(0, 10) + ")",
                Map.of("playbooks/mysql.yml", "@@ -1,2 +1,2 @@\n - name: mysql\n-  apt: mysql-client\n+  apt: mysql-client-8.0"));
        String samePatch = github.commit(REPO, picked, "Backport: newer pip",
                Map.of("requirements/pip.txt", "@@ -12,3 +12,3 @@\n six\n-pip==20.0.2\n+pip==20.3.4   \n wheel"));
        branchHead = github.commit(REPO, samePatch, "Koa release notes", Map.of("CHANGELOG.rst", "@@ -1 +1,2 @@\n+koa.2\n Koa"));
        github.branch(REPO, BRANCH.value(), branchHead);
        api = GitHubApi.connect(github.url(), "ghp_secret-test-token", Duration.ofSeconds(3), Clock.systemUTC());
        check = new GitHubBackportCheck(api);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private Map<Sha, Containment> check(String... shas) {
        return check.check(new RepoRef(REPO), BRANCH, java.util.Arrays.stream(shas).map(Sha::new).toList());
    }

    @Test
    void aCommitOnTheBranchOrAtItsHeadIsContained() {
        assertThat(check(root, branchHead)).containsEntry(new Sha(root), Containment.ON_BRANCH)
                .containsEntry(new Sha(branchHead), Containment.ON_BRANCH);
    }

    @Test
    void aCherryPickWithTheTrailerCountsEvenAbbreviated() {
        assertThat(check(trailerFix)).containsEntry(new Sha(trailerFix), Containment.CHERRY_PICKED);
    }

    @Test
    void theSamePatchWithoutATrailerCountsDespiteOtherLineNumbersAndWhitespace() {
        assertThat(check(samePatchFix)).containsEntry(new Sha(samePatchFix), Containment.PATCH_EQUIVALENT);
    }

    @Test
    void aFixNeitherOnTheBranchNorPickedIsMissingAndAnUnknownShaIsUnknown() {
        String unknown = "f".repeat(40);
        assertThat(check(missingFix, unknown)).containsEntry(new Sha(missingFix), Containment.MISSING)
                .containsEntry(new Sha(unknown), Containment.UNKNOWN_COMMIT);
    }

    @Test
    void aCherryPickPastTheFirst250BranchCommitsIsFoundByPaging() {
        String head = branchHead;
        for (int i = 0; i < 260; i++) {
            head = github.commit(REPO, head, "Release work " + i, Map.of("notes/" + i + ".txt", "@@ -0,0 +1 @@\n+" + i));
        }
        head = github.commit(REPO, head, "Fix the nginx timeout\n\n(cherry picked from commit " + missingFix + ")", Map.of());
        github.branch(REPO, BRANCH.value(), head);

        assertThat(check(missingFix)).containsEntry(new Sha(missingFix), Containment.CHERRY_PICKED);
        assertThat(github.requestsByPath().keySet()).anyMatch(p -> p.contains("...open-release/koa.master"));
    }

    @Test
    void aBranchThatDoesNotExistIsRefusedByName() {
        assertThatThrownBy(() -> check.check(new RepoRef(REPO), new GitRefName("release/nope"), List.of(new Sha(root))))
                .isInstanceOf(Unavailable.class).hasMessage("configuration has no branch release/nope.");
    }

    @Test
    void checkingTheSameFixesAgainCostsOnlyNotModifiedAnswers() {
        check(root, trailerFix, samePatchFix, missingFix);
        int first = github.requests();
        var firstPaths = github.requestsByPath();
        github.resetCounts();

        assertThat(check(root, trailerFix, samePatchFix, missingFix)).containsValues(Containment.ON_BRANCH,
                Containment.CHERRY_PICKED, Containment.PATCH_EQUIVALENT, Containment.MISSING);

        firstPaths.remove("/user"); // the client's one look at who it is
        assertThat(github.requestsByPath()).as("the same requests as the first time").isEqualTo(firstPaths);
        assertThat(firstPaths.get("/repos/openedx/configuration/compare/{sha}...open-release/koa.master"))
                .as("one branch-side compare per fix not on the branch").isEqualTo(3);
        assertThat(github.charged()).as("every one answered 304 Not Modified").isZero();
    }

    @Test
    void aRepositoryNotOnThisGitHubIsNotCovered() {
        assertThat(check.covers(new RepoRef(REPO))).isTrue();
        assertThat(check.covers(new RepoRef("https://git.example.org/openedx/configuration.git"))).isFalse();
        assertThat(check.covers(new RepoRef("file:///srv/git/configuration.git"))).isFalse();
    }

    /**
     * A GitHub Enterprise repository whose git URL cannot be fetched (nothing
     * listens on 127.0.0.1:443): the mirror refuses, the API decides, and the
     * gate lists the missing backport, then opens once the branch has it.
     */
    @Test
    void withoutAFetchableMirrorTheApiDecidesAndTheGateFollows() {
        String enterpriseRepo = "https://127.0.0.1/" + REPO + ".git";
        GitHubApi enterprise = GitHubApi.connect(github.url() + "/api/v3", "ghp_secret-test-token", Duration.ofSeconds(3),
                Clock.systemUTC());
        GitHubBackportCheck viaApi = new GitHubBackportCheck(enterprise);
        BackportCheck backports = BackportChecks.mirrorThenApi(new GitBackportCheck(dir.resolve("git-cache")), viaApi, viaApi::covers);
        TestBot bot = TestBot.builder(dir).github(new GitHubBlockerSource(enterprise), new GitHubCheckSource(enterprise)).backports(backports).build();
        bot.git.head(enterpriseRepo, branchHead);
        bot.expectOk("release create koa.2 --branch " + BRANCH + " --repos " + enterpriseRepo);
        bot.expectOk("role assign koa.2 manual-qa pierre");
        bot.expectOk("@pierre: signoff koa.2 pass");
        bot.expectOk("@sofiane: signoff koa.2 pass");
        bot.expectOk("blocker add koa.2 https://127.0.0.1/openedx/configuration/issues/7 --priority high --title \"nginx timeout\"");
        bot.expectOk("blocker fix koa.2 1 configuration " + missingFix);
        bot.expectOk("blocker resolve koa.2 1");

        assertThat(bot.exec("status koa.2")).contains("Missing backport: fix " + missingFix.substring(0, 10) + " in configuration")
                .doesNotContain("could not be checked").contains("NO-GO");

        String picked = github.commit(REPO, branchHead, "Fix the nginx timeout\n\n(cherry picked from commit " + missingFix + ")",
                Map.of("playbooks/nginx.yml", "@@ -4,1 +4,1 @@\n-timeout: 30\n+timeout: 300"));
        github.branch(REPO, BRANCH.value(), picked);
        bot.git.head(enterpriseRepo, picked);
        bot.expectOk("@pierre: signoff koa.2 pass");
        bot.expectOk("@sofiane: signoff koa.2 pass");

        assertThat(bot.exec("status koa.2")).contains("GO:").doesNotContain("Missing backport");
        assertThat(github.requests("/repos/openedx/configuration/compare")).isPositive();
    }

    @Test
    void whenBothTheMirrorAndTheApiRefuseTheReasonNamesBoth() {
        BackportCheck mirror = (repo, branch, fixes) -> {
            throw new Unavailable("Cannot fetch configuration: connection refused.");
        };
        BackportCheck backports = BackportChecks.mirrorThenApi(mirror, check, check::covers);

        assertThatThrownBy(() -> backports.check(new RepoRef(REPO), new GitRefName("release/nope"), List.of(new Sha(root))))
                .hasMessage("Cannot fetch configuration: connection refused. Through the API: configuration has no branch release/nope.");
        assertThatThrownBy(() -> backports.check(new RepoRef("file:///srv/configuration.git"), BRANCH, List.of(new Sha(root))))
                .as("no API for a repository that is not on GitHub").hasMessage("Cannot fetch configuration: connection refused.");
    }
}
