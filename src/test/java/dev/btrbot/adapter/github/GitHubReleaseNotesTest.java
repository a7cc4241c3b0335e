package dev.btrbot.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.git.GitNotesSource;
import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.core.port.NotesSource;
import dev.btrbot.domain.Change;
import dev.btrbot.domain.NotesCategories;
import dev.btrbot.domain.PreviousTags;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseNotes;
import dev.btrbot.domain.RepoChanges;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import dev.btrbot.testing.NotesHistory;
import dev.btrbot.testing.TestBot;
import dev.btrbot.testing.TestGit;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Release notes with GitHub's API: pull requests' facts, and the GitHub release announce creates, on the fake GitHub. */
class GitHubReleaseNotesTest {
    private static final RepoRef PLATFORM = new RepoRef("openedx/edx-platform");
    private static final PreviousTags OPEN_EDX = new PreviousTags("open-release/*", List.of("open-release/koa.2", "open-release/*rc[0-9]*"));

    @TempDir
    Path dir;
    FakeGitHub github;
    GitHubApi api;
    NotesHistory history;
    GitNotesSource git;

    @BeforeEach
    void setUp() {
        github = new FakeGitHub();
        github.repo("openedx/edx-platform");
        api = GitHubApi.connect(github.url(), "ghp_test-token", Duration.ofSeconds(5), Clock.systemUTC());
        history = NotesHistory.create(dir.resolve("edx-platform"));
        git = new GitNotesSource(dir.resolve("cache"));
        List<String> rebased = List.of(TestGit.git(history.dir, "rev-parse", NotesHistory.BRANCH + "^{/Step one}"),
                TestGit.git(history.dir, "rev-parse", NotesHistory.BRANCH + "^{/Step two}"));
        github.pull(new FakeGitHub.FakePull("openedx/edx-platform", 10, "Add the thing (grading)", List.of("enhancement"), "alice", true, List.of()));
        github.pull(new FakeGitHub.FakePull("openedx/edx-platform", 11, "Fix the crash on start", List.of("bug"), "bob", true, List.of()));
        github.pull(new FakeGitHub.FakePull("openedx/edx-platform", 12, "Rebase me", List.of("breaking-change"), "carol", true, rebased));
        github.pull(new FakeGitHub.FakePull("openedx/edx-platform", 13, "Fix the mysql client", List.of("bug"), "pierre", true, List.of()));
    }

    @AfterEach
    void tearDown() {
        github.close(); // fails on anything GitHub's description does not allow
    }

    /** The notes of github.com/openedx/edx-platform, read from its local copy. */
    private NotesSource platformFromItsCopy() {
        return (repo, to, fromTag, search) -> {
            RepoChanges local = git.changes(new RepoRef(history.dir.toString()), to, fromTag, search);
            return new RepoChanges(repo, local.fromTag(), local.tagChosen(), local.to(), local.changes(), local.picks());
        };
    }

    @Test
    void gitHubGivesTitlesLabelsAndAuthorsAndMapsRebaseMergedCommitsToTheirPullRequest() {
        RepoChanges rc = platformFromItsCopy().changes(PLATFORM, new Sha(history.releaseHead), null, OPEN_EDX);
        List<Change> enriched = new GitHubPullFacts(api).enrich(PLATFORM, rc.changes());
        assertThat(enriched).extracting(Change::pr, Change::title, Change::author).containsExactly(
                org.assertj.core.groups.Tuple.tuple(10, "Add the thing (grading)", "alice"),
                org.assertj.core.groups.Tuple.tuple(11, "Fix the crash on start", "bob"),
                org.assertj.core.groups.Tuple.tuple(12, "Rebase me", "carol"),
                org.assertj.core.groups.Tuple.tuple(12, "Rebase me", "carol"));
        ReleaseNotes.Draft d = ReleaseNotes.draft(new ReleaseName("koa.2"),
                dev.btrbot.domain.Candidate.of(new ReleaseName("koa.2"), List.of(new dev.btrbot.domain.RepoHead(PLATFORM, new Sha(history.releaseHead))),
                        java.time.Instant.EPOCH), List.of(rc.with(enriched, rc.picks())), NotesCategories.DEFAULT, List.of());
        assertThat(d.markdown()).contains("### Breaking\n\n- Rebase me (openedx/edx-platform#12, @carol)\n")
                .contains("### Features\n\n- Add the thing (grading) (openedx/edx-platform#10, @alice)")
                .contains("### Fixes\n\n- Fix the crash on start (openedx/edx-platform#11, @bob)");
        assertThat(github.requests("/repos/openedx/edx-platform/pulls/")).isEqualTo(2);
    }

    @Test
    void aReleaseRequestIsHeldToGitHubsDescriptionOfItsBody() {
        GitHubSpec spec = GitHubSpec.load();
        assertThat(spec.checkRequestBody("POST", "/repos/openedx/edx-platform/releases", "{\"tag_name\":\"open-release/koa.2\",\"body\":\"x\"}"))
                .isEmpty();
        assertThat(spec.checkRequestBody("POST", "/repos/openedx/edx-platform/releases", "{\"name\":\"koa.2\"}"))
                .singleElement().asString().contains("tag_name");
        assertThat(spec.checkRequestBody("POST", "/repos/openedx/edx-platform/releases", "{\"tag_name\":\"t\",\"draft\":\"no\"}"))
                .singleElement().asString().contains("draft");
    }

    private TestBot taggedBot() {
        TestBot bot = TestBot.builder(dir).notes(platformFromItsCopy(), new GitHubPullFacts(api), new GitHubReleaseMaker(api)).build();
        bot.git.head("openedx/edx-platform", history.releaseHead);
        bot.expectOk("release create koa.2 --branch " + NotesHistory.BRANCH + " --repos openedx/edx-platform --tag-template open-release/{release}");
        bot.expectOk("role assign koa.2 manual-qa pierre");
        bot.expectOk("@pierre: signoff koa.2 pass --env native");
        bot.expectOk("@sofiane: signoff koa.2 pass --env AWS");
        bot.expectOk("tag koa.2 --confirm");
        bot.expectOk("notes koa.2 approve");
        return bot;
    }

    @Test
    void announceCreatesTheGitHubReleaseOfTheTagWithTheNotesAsItsBody() {
        TestBot bot = taggedBot();
        String reply = bot.expectOk("announce koa.2 --github-release");
        assertThat(reply).contains("GitHub release created for edx-platform: https://github.com/openedx/edx-platform/releases/tag/open-release/koa.2");
        assertThat(github.releases()).hasSize(1);
        FakeGitHub.FakeRelease created = github.releases().get(0);
        assertThat(created.tag()).isEqualTo("open-release/koa.2");
        assertThat(created.name()).isEqualTo("koa.2 (open-release/koa.2)");
        assertThat(created.body()).startsWith("# koa.2 release notes").contains("Rebase me (openedx/edx-platform#12, @carol)")
                .contains("Fix the mysql client (openedx/edx-platform#13, @pierre) — picked as");
        assertThat(TextRenderer.render(bot.chat.posts.get(0).message()))
                .contains("edx-platform: https://github.com/openedx/edx-platform/releases/tag/open-release/koa.2");
    }

    @Test
    void aGitHubReleaseThatExistsIsReportedNotDuplicated() {
        github.release("openedx/edx-platform", "open-release/koa.2", "made by hand", "hand-written notes");
        TestBot bot = taggedBot();
        assertThat(bot.expectOk("announce koa.2 --github-release"))
                .contains("A GitHub release of open-release/koa.2 existed already for edx-platform");
        assertThat(github.releases()).hasSize(1);
        assertThat(github.releases().get(0).body()).isEqualTo("hand-written notes");
    }
}
