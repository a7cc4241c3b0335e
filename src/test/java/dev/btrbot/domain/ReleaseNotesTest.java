package dev.btrbot.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.config.NotesCategoriesFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseNotesTest {
    private static final ReleaseName KOA = new ReleaseName("koa.2");
    private static final RepoRef PLATFORM = new RepoRef("openedx/edx-platform");
    private static final RepoRef CONFIG = new RepoRef("/srv/git/configuration");

    private static Sha sha(int n) {
        return new Sha(String.format("%040x", n));
    }

    private static Candidate candidate() {
        return Candidate.of(KOA, List.of(new RepoHead(PLATFORM, sha(900)), new RepoHead(CONFIG, sha(901))), Instant.EPOCH);
    }

    private static Change pr(int n, String title, String author, String... labels) {
        return new Change(n, title, List.of(labels), author, true, sha(n));
    }

    @Test
    void pullRequestsAreGroupedByLabelAndCherryPicksAreShownOnceInTheirOwnSection() {
        Change fix = pr(13, "Fix mysql", "pierre", "bug");
        RepoChanges platform = new RepoChanges(PLATFORM, "open-release/juniper.1", "given with --from", sha(900),
                List.of(pr(10, "New grading", "alice", "enhancement"), pr(11, "Drop Python 3.5", "bob", "breaking-change"),
                        pr(12, "Typo", "alice"), pr(13, "Fix mysql", "pierre", "bug"), pr(17, "Bump deps", "dependabot", "skip-changelog")),
                List.of(new CherryPick(fix, sha(500), CherryPick.How.TRAILER), new CherryPick(fix, sha(501), CherryPick.How.TRAILER),
                        new CherryPick(pr(15, "Fix theme", "sofiane", "bug"), sha(502), CherryPick.How.PATCH_ID)));
        RepoChanges config = new RepoChanges(CONFIG, "open-release/juniper.1", "the newest tag matching open-release/*", sha(901),
                List.of(Change.fromGit(0, "Tune nginx", "Ned Batchelder", sha(600))), List.of());
        NotesCategories categories = new NotesCategories(NotesCategories.DEFAULT.categories(), java.util.Set.of("skip-changelog"),
                java.util.Set.of());
        Blocker fixed = new Blocker(KOA, 1, "https://discuss.openedx.org/t/4132", "mysql client fails", Priority.HIGH, null,
                Blocker.Origin.MANUAL, false, null, List.of(), Instant.EPOCH);

        ReleaseNotes.Draft d = ReleaseNotes.draft(KOA, candidate(), List.of(platform, config), categories, List.of(fixed));

        assertThat(d.counts()).containsEntry("Breaking", 1).containsEntry("Features", 1).containsEntry("Fixes", 0)
                .containsEntry("Other", 2).containsEntry(ReleaseNotes.CHERRY_PICKS, 2);
        assertThat(d.summary()).isEqualTo("1 Breaking, 1 Features, 2 Other, 2 cherry-picks");
        String md = d.markdown();
        assertThat(md).contains("## openedx/edx-platform").contains("Since `open-release/juniper.1` (given with --from)")
                .contains("https://github.com/openedx/edx-platform/compare/open-release/juniper.1..." + sha(900).value())
                .contains("### Breaking\n\n- Drop Python 3.5 (openedx/edx-platform#11, @bob)")
                .contains("### " + ReleaseNotes.CHERRY_PICKS)
                .contains("- Fix theme (openedx/edx-platform#15, @sofiane) — picked as " + sha(502).shortId() + " (same patch id)")
                .contains("- Tune nginx (" + sha(600).shortId() + ", Ned Batchelder)")
                .contains("`git log --first-parent open-release/juniper.1..")
                .contains("## Blockers fixed\n\n- mysql client fails (https://discuss.openedx.org/t/4132)")
                .contains("## Contributors\n\n@alice, @bob, Ned Batchelder, @pierre, @sofiane")
                .doesNotContain("Bump deps").doesNotContain("dependabot");
        assertThat(md.split("Fix mysql", -1)).as("the picked pull request is shown once").hasSize(2);
        assertThat(d.fellBack()).isFalse();
    }

    @Test
    void notesLongerThanGitHubsLimitFallBackToCompareLinksPerRepository() {
        List<Change> many = new ArrayList<>();
        for (int i = 1; i <= 2_000; i++) {
            many.add(pr(i, "A change with a title long enough to fill the notes quickly, number " + i, "dev" + (i % 7), "enhancement"));
        }
        RepoChanges platform = new RepoChanges(PLATFORM, "open-release/juniper.1", "given with --from", sha(900), many, List.of());
        RepoChanges config = new RepoChanges(CONFIG, "open-release/juniper.1", "given with --from", sha(901), List.of(), List.of());

        ReleaseNotes.Draft d = ReleaseNotes.draft(KOA, candidate(), List.of(platform, config), NotesCategories.DEFAULT, List.of());

        assertThat(d.fellBack()).isTrue();
        assertThat(d.markdown().length()).isLessThanOrEqualTo(ReleaseNotes.GITHUB_BODY_LIMIT);
        assertThat(d.markdown()).contains("longer than GitHub's 125000-character limit")
                .contains("https://github.com/openedx/edx-platform/compare/open-release/juniper.1..." + sha(900).value())
                .contains("2000 Features.").contains("## configuration").contains("No changes.")
                .doesNotContain("number 17");
        assertThat(d.counts()).containsEntry("Features", 2000);
        assertThat(d.summary()).isEqualTo("2000 Features");
    }

    @Test
    void categoriesReadFromAReleaseYmlStyleFileFollowGitHubsRules() throws Exception {
        NotesCategories c = NotesCategoriesFile.parse("""
                changelog:
                  exclude:
                    labels: [ignore-for-release]
                    authors: [octocat]
                  categories:
                    - title: Breaking Changes
                      labels: [Semver-Major, breaking-change]
                    - title: Exciting New Features
                      labels: [Semver-Minor, enhancement]
                      exclude:
                        labels: [experimental]
                    - title: Other Changes
                      labels: ["*"]
                """);
        assertThat(c.categoryOf(pr(1, "x", "alice", "semver-major"))).isEqualTo("Breaking Changes");
        assertThat(c.categoryOf(pr(2, "x", "alice", "enhancement"))).isEqualTo("Exciting New Features");
        assertThat(c.categoryOf(pr(3, "x", "alice", "enhancement", "experimental"))).isEqualTo("Other Changes");
        assertThat(c.categoryOf(pr(4, "x", "alice", "ignore-for-release"))).isNull();
        assertThat(c.categoryOf(pr(5, "x", "octocat"))).isNull();
        NotesCategories noCatchAll = NotesCategoriesFile.parse("changelog:\n  categories:\n    - title: Fixes\n      labels: bug\n");
        assertThat(noCatchAll.categoryOf(pr(6, "x", "alice"))).as("never dropped").isEqualTo(NotesCategories.UNMATCHED);
        assertThat(noCatchAll.order()).containsExactly("Fixes", NotesCategories.UNMATCHED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NotesCategoriesFile.parse("changelog: {}\n"))
                .hasMessageContaining("changelog.categories");
    }
}
