package dev.btrbot.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {
    @ParameterizedTest
    @ValueSource(strings = {"koa.2", "teak.2", "koa.2a", "sumac_3", "z-1"})
    void releaseNamesLikeOpenEdxAreAccepted(String name) {
        assertThat(new ReleaseName(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({"Koa.2, koa.2", "KOA.2, koa.2", "Z-1, z-1"})
    void releaseNamesAreCaseInsensitiveAndKeptInLowerCase(String given, String stored) {
        assertThat(new ReleaseName(given)).isEqualTo(new ReleaseName(stored));
        assertThat(new ReleaseName(given).value()).isEqualTo(stored);
    }

    @ParameterizedTest
    @CsvSource({"Adolfo, adolfo", "ADOLFO, adolfo", "U2CERLKJA, U2CERLKJA", "W012A3CDE, W012A3CDE",
            "@Alice:example.org, @Alice:example.org", "Alice:Example.org, alice:example.org"})
    void consoleNamesAreCaseInsensitiveWhileSlackAndMatrixIdsStayAsThePlatformWritesThem(String given, String stored) {
        assertThat(new MemberId(given).value()).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"koa.2;rm -rf /", "", " koa", "-koa", ".koa", "koa 2", "koa/2", "$(id)", "koa.2\n"})
    void releaseNamesThatCouldReachAShellOrQueryAreRefused(String name) {
        assertThatThrownBy(() -> new ReleaseName(name)).isInstanceOf(Refusal.class).hasMessageContaining("is not a release name");
    }

    @ParameterizedTest
    @CsvSource({
            "openedx/configuration, https://github.com/openedx/configuration.git, configuration",
            "https://github.com/openedx/edx-platform.git, https://github.com/openedx/edx-platform.git, edx-platform",
            "file:///tmp/remotes/configuration.git, file:///tmp/remotes/configuration.git, configuration",
            "/srv/git/theme, /srv/git/theme, theme"})
    void repositoriesAreGitUrlsWithAShortName(String given, String url, String name) {
        RepoRef ref = new RepoRef(given);
        assertThat(ref.url()).isEqualTo(url);
        assertThat(ref.name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--upload-pack=touch /tmp/x", "org/name;ls", "ext::sh -c id", "relative/path/too/deep", "http://x y",
            "ssh://-oProxyCommand=touch%20pwned/repo.git", "ssh://git@-oProxyCommand=x/repo.git", "https://-x.example.org/a.git"})
    void repositoriesThatCouldBeReadAsOptionsOrCommandsAreRefused(String given) {
        assertThatThrownBy(() -> new RepoRef(given)).isInstanceOf(Refusal.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-delete", "a..b", "a/", "x.lock", "a b", "a~1", "a^", "a:b", "/x", ".hidden",
            "a.lock/koa.2", "x/.y", "a//b", "release/.koa", "x.lock/y/z"})
    void refNamesFollowGitRules(String name) {
        assertThatThrownBy(() -> new GitRefName(name)).isInstanceOf(Refusal.class);
    }

    @Test
    void tagTemplatesExpandToValidRefs() {
        ReleaseName koa = new ReleaseName("koa.2");
        TagTemplate openEdx = new TagTemplate("open-release/{release}");
        assertThat(openEdx.finalTag(koa).value()).isEqualTo("open-release/koa.2");
        assertThat(TagTemplate.DEFAULT_RC.rcTag(koa, openEdx.finalTag(koa), 3).value()).isEqualTo("open-release/koa.2rc3");
        assertThatThrownBy(() -> new TagTemplate("{version}")).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> new TagTemplate("-{release}")).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> new TagTemplate("a.lock/{release}")).isInstanceOf(Refusal.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssh://git@github.com/openedx/configuration.git", "ssh://git-host.example.org/srv/x.git"})
    void sshUrlsWithAnOrdinaryHostAreAccepted(String given) {
        assertThat(new RepoRef(given).url()).isEqualTo(given);
    }

    @Test
    void candidateIdIsTheSameWhateverTheOrderOfRepositories() {
        RepoHead a = new RepoHead(new RepoRef("openedx/a"), new Sha("1".repeat(40)));
        RepoHead b = new RepoHead(new RepoRef("openedx/b"), new Sha("2".repeat(40)));
        ReleaseName koa = new ReleaseName("koa.2");
        assertThat(Candidate.of(koa, List.of(a, b), null).id()).isEqualTo(Candidate.of(koa, List.of(b, a), null).id());
        RepoHead moved = new RepoHead(new RepoRef("openedx/b"), new Sha("3".repeat(40)));
        assertThat(Candidate.of(koa, List.of(a, moved), null).id()).isNotEqualTo(Candidate.of(koa, List.of(a, b), null).id());
    }

    @Test
    void policyKeysAreCheckedAndDefaultsMatchTheDesign() {
        assertThat(QuorumPolicy.DEFAULT.passes()).isEqualTo(2);
        assertThat(QuorumPolicy.DEFAULT.manualQaPasses()).isEqualTo(1);
        assertThat(QuorumPolicy.DEFAULT.blockingPriority()).isEqualTo(Priority.HIGH);
        assertThat(QuorumPolicy.DEFAULT.with("passes", "3").passes()).isEqualTo(3);
        assertThatThrownBy(() -> QuorumPolicy.DEFAULT.with("passes", "many")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> QuorumPolicy.DEFAULT.with("passes", "0")).hasMessageContaining("between 1 and 20");
        assertThatThrownBy(() -> QuorumPolicy.DEFAULT.with("quorum", "2")).hasMessageContaining("is not a policy key");
        assertThatThrownBy(() -> QuorumPolicy.DEFAULT.with("manual-qa-passes", "3")).hasMessageContaining("between 0 and passes");
    }

    @ParameterizedTest
    @CsvSource({"alice, alice", "U2CERLKJA, U2CERLKJA", "@alice:example.org, @alice:example.org", "<@U2CERLKJA|alice>, U2CERLKJA",
            "<@U2CERLKJA>, U2CERLKJA", "@bot:matrix.example.org:8448, @bot:matrix.example.org:8448"})
    void membersAreChatIdentities(String given, String id) {
        assertThat(new MemberId(given).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"@pierre", "@", "@:example.org", "pierre dupont", "<@>"})
    void anUnresolvedMentionIsNotAMemberAndTheRefusalShowsTheAcceptedForms(String given) {
        assertThatThrownBy(() -> new MemberId(given)).isInstanceOf(Refusal.class)
                .hasMessageContaining("alice").hasMessageContaining("U2CERLKJA").hasMessageContaining("@alice:example.org");
    }

    @Test
    void awayPeriodsCoverBothEnds() {
        AwayPeriod p = new AwayPeriod(new MemberId("ana"), java.time.LocalDate.of(2021, 2, 1), java.time.LocalDate.of(2021, 2, 3));
        assertThat(p.covers(java.time.LocalDate.of(2021, 2, 1))).isTrue();
        assertThat(p.covers(java.time.LocalDate.of(2021, 2, 3))).isTrue();
        assertThat(p.covers(java.time.LocalDate.of(2021, 2, 4))).isFalse();
        assertThatThrownBy(() -> new AwayPeriod(new MemberId("ana"), java.time.LocalDate.of(2021, 2, 3),
                java.time.LocalDate.of(2021, 2, 1))).hasMessageContaining("ends");
    }
}
