package dev.btrbot.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which release a forum post is about: names in any case and spelling, tags, aliases, and whole words only. */
class ForumMatchingTest {
    static final Instant T = Instant.parse("2021-01-26T07:40:00Z");
    static final ReleaseName KOA = new ReleaseName("koa.2");
    static final ReleaseName LILAC = new ReleaseName("lilac.1");
    static final int INSTALL_PROBLEMS = 7;

    static Release release(ReleaseName name, String branch, LocalDate target) {
        return new Release(name, new GitRefName(branch), List.of(new RepoRef("openedx/configuration")), null, null, target, null,
                new TagTemplate("open-release/{release}"), TagTemplate.DEFAULT_RC, ReleaseState.TESTING, QuorumPolicy.DEFAULT, T);
    }

    static final ForumMatching MATCHING = new ForumMatching(List.of(
            new ForumMatching.Watched(release(KOA, "open-release/koa.master", LocalDate.of(2021, 2, 9)), List.of("the koa release")),
            new ForumMatching.Watched(release(LILAC, "open-release/lilac.master", LocalDate.of(2021, 6, 9)), List.of())),
            Set.of(INSTALL_PROBLEMS));

    static ForumPost post(String title, String excerpt, Integer category, Instant at) {
        return new ForumPost(11, 5, 1, title, "jill", at, excerpt, category, URI.create("https://discuss.example.org/t/5/1"));
    }

    static List<ReleaseName> about(String title, String excerpt) {
        return MATCHING.releasesOf(post(title, excerpt, null, T));
    }

    @ParameterizedTest(name = "{0} | {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "Koa.2 native install fails on 20.04 | | koa.2",
            "KOA.2: mysql client | | koa.2",
            "Installing koa 2 on focal | | koa.2",
            "Help please | I upgraded to koa.2. Now nothing works | koa.2",
            "Tag open-release/koa.2 is broken | | koa.2",
            "open-release/koa.2rc1 does not install | | koa.2",
            "koa.2rc3 does not install | | koa.2",
            "Branch open-release/koa.master fails CI | | koa.2",
            "The  Koa   Release is broken | | koa.2",
            "koa.20 is out | | ''",
            "koa.2a hotfix | | ''",
            "koa.2.1 someday | | ''",
            "xkoa.2 tool | | ''",
            "koa2 and more | | ''",
            "Lilac.1 and koa.2 both fail | | koa.2 lilac.1",
            "Nothing to see | just a question | ''"})
    void aPostNamesAReleaseByWholeWords(String title, String excerpt, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(" "));
        assertThat(about(title, excerpt == null ? "" : excerpt).stream().map(ReleaseName::value).toList()).isEqualTo(want);
    }

    @Test
    void aPostInAnInstallProblemsCategoryGoesToTheReleaseItNamesElseTheOneWhoseTargetIsNearest() {
        assertThat(MATCHING.releasesOf(post("Native install fails", "", INSTALL_PROBLEMS, T))).containsExactly(KOA);
        assertThat(MATCHING.releasesOf(post("Native install fails", "", INSTALL_PROBLEMS, Instant.parse("2021-05-20T00:00:00Z"))))
                .containsExactly(LILAC);
        assertThat(MATCHING.releasesOf(post("lilac.1 install fails", "", INSTALL_PROBLEMS, T))).containsExactly(LILAC);
        assertThat(MATCHING.releasesOf(post("Native install fails", "", 8, T))).isEmpty();
    }
}
