package dev.btrbot.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GateTest {
    static final Instant T = Instant.parse("2021-02-09T10:00:00Z");
    static final ReleaseName KOA = new ReleaseName("koa.2");
    static final MemberId PIERRE = new MemberId("pierre");
    static final MemberId SOFIANE = new MemberId("sofiane");
    static final MemberId ADOLFO = new MemberId("adolfo");
    static final Candidate CURRENT = Candidate.of(KOA, List.of(head("configuration", 'a'), head("edx-platform", 'b')), T);
    static final Candidate OLD = Candidate.of(KOA, List.of(head("configuration", 'c'), head("edx-platform", 'b')), T);

    static RepoHead head(String repo, char c) {
        return new RepoHead(new RepoRef("openedx/" + repo), new Sha(String.valueOf(c).repeat(40)));
    }

    static Release release(QuorumPolicy policy, ReleaseState state) {
        return new Release(KOA, new GitRefName("open-release/koa.master"), List.of(new RepoRef("openedx/configuration")), null,
                null, null, null, TagTemplate.DEFAULT_TAG, TagTemplate.DEFAULT_RC, state, policy, T);
    }

    static SignOff signOff(MemberId who, Candidate on, Verdict verdict) {
        return new SignOff(KOA, on.id(), who, verdict, "Ubuntu 20.04", "", null, T);
    }

    static Blocker blocker(int n, Priority p, boolean open, Blocker.Waiver waiver) {
        return new Blocker(KOA, n, "https://github.com/openedx/configuration/issues/" + n, "issue " + n, p,
                LocalDate.of(2021, 1, 26), Blocker.Origin.MANUAL, open, waiver, List.of(), T);
    }

    /** A quorum that holds: two passes on the current candidate, one of them from manual-qa, nothing else. */
    static GateInput open() {
        return new GateInput(release(QuorumPolicy.DEFAULT, ReleaseState.TESTING), CURRENT, null,
                List.of(signOff(PIERRE, CURRENT, Verdict.PASS), signOff(SOFIANE, CURRENT, Verdict.PASS)), Set.of(PIERRE),
                List.of(), List.of(), List.of(), ADOLFO);
    }

    static GateInput with(UnaryOperator<GateInput> change) {
        return change.apply(open());
    }

    static GateInput signOffs(GateInput in, SignOff... s) {
        return new GateInput(in.release(), in.candidate(), in.candidateProblem(), List.of(s), in.manualQa(), in.blockers(),
                in.missingBackports(), in.holds(), in.tagger());
    }

    static GateInput blockers(GateInput in, Blocker... b) {
        return new GateInput(in.release(), in.candidate(), in.candidateProblem(), in.signOffs(), in.manualQa(), List.of(b),
                in.missingBackports(), in.holds(), in.tagger());
    }

    static GateInput policy(GateInput in, QuorumPolicy p) {
        return new GateInput(release(p, in.release().state()), in.candidate(), in.candidateProblem(), in.signOffs(), in.manualQa(),
                in.blockers(), in.missingBackports(), in.holds(), in.tagger(), in.checks(), in.checksProblem(),
                in.tagRuns());
    }

    static Stream<Arguments> cases() {
        Blocker.Waiver waived = new Blocker.Waiver(new MemberId("ned"), "only affects docker installs", T);
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("quorum holds", open(), List.of()));
        cases.add(Arguments.of("no sign-offs at all", with(in -> signOffs(in)),
                List.of("Needs 2 more passing sign-offs on candidate", "Needs 1 more passing sign-off from manual-qa")));
        cases.add(Arguments.of("sign-offs on an old candidate do not count",
                with(in -> signOffs(in, signOff(PIERRE, OLD, Verdict.PASS), signOff(SOFIANE, OLD, Verdict.PASS))),
                List.of("Needs 2 more passing sign-offs", "from manual-qa")));
        cases.add(Arguments.of("one pass is not a quorum", with(in -> signOffs(in, signOff(PIERRE, CURRENT, Verdict.PASS))),
                List.of("Needs 1 more passing sign-off on candidate")));
        cases.add(Arguments.of("no manual-qa holder among the passes",
                with(in -> signOffs(in, signOff(SOFIANE, CURRENT, Verdict.PASS), signOff(ADOLFO, CURRENT, Verdict.PASS))),
                List.of("Needs 1 more passing sign-off from manual-qa")));
        cases.add(Arguments.of("a fail on the current candidate shuts it",
                with(in -> signOffs(in, signOff(PIERRE, CURRENT, Verdict.PASS), signOff(SOFIANE, CURRENT, Verdict.PASS),
                        signOff(ADOLFO, CURRENT, Verdict.FAIL))),
                List.of("adolfo failed the install on candidate")));
        cases.add(Arguments.of("a fail on an old candidate does not",
                with(in -> signOffs(in, signOff(PIERRE, CURRENT, Verdict.PASS), signOff(SOFIANE, CURRENT, Verdict.PASS),
                        signOff(ADOLFO, OLD, Verdict.FAIL))), List.of()));
        cases.add(Arguments.of("open high blocker", with(in -> blockers(in, blocker(1, Priority.HIGH, true, null))),
                List.of("Blocker #1 (high) is open")));
        cases.add(Arguments.of("open critical blocker", with(in -> blockers(in, blocker(1, Priority.CRITICAL, true, null))),
                List.of("Blocker #1 (critical) is open")));
        cases.add(Arguments.of("open medium blocker is below the bar", with(in -> blockers(in, blocker(1, Priority.MEDIUM, true, null))),
                List.of()));
        cases.add(Arguments.of("open medium blocker with the bar at medium",
                with(in -> policy(blockers(in, blocker(1, Priority.MEDIUM, true, null)), QuorumPolicy.DEFAULT.with("blocking-priority", "medium"))),
                List.of("Blocker #1 (medium) is open")));
        cases.add(Arguments.of("untriaged blocker blocks until triaged", with(in -> blockers(in, blocker(2, null, true, null))),
                List.of("Blocker #2 is untriaged")));
        cases.add(Arguments.of("untriaged blocker when policy lets it through",
                with(in -> policy(blockers(in, blocker(2, null, true, null)), QuorumPolicy.DEFAULT.with("untriaged-blocks", "false"))),
                List.of()));
        cases.add(Arguments.of("resolved blocker", with(in -> blockers(in, blocker(1, Priority.HIGH, false, null))), List.of()));
        cases.add(Arguments.of("waived blocker", with(in -> blockers(in, blocker(1, Priority.HIGH, true, waived))), List.of()));
        cases.add(Arguments.of("missing backport", with(in -> new GateInput(in.release(), in.candidate(), null, in.signOffs(),
                in.manualQa(), in.blockers(), List.of(new MissingBackport(1, "mysql client", new RepoRef("openedx/configuration"),
                new Sha("d".repeat(40)), "is not on open-release/koa.master")), in.holds(), in.tagger())),
                List.of("Missing backport: fix dddddddddd in configuration (blocker #1 mysql client) is not on open-release/koa.master")));
        cases.add(Arguments.of("hold", with(in -> new GateInput(in.release(), in.candidate(), null, in.signOffs(), in.manualQa(),
                in.blockers(), in.missingBackports(), List.of(new Hold(1, KOA, SOFIANE, "forum reports a broken theme", T)), in.tagger())),
                List.of("On hold by sofiane: forum reports a broken theme")));
        cases.add(Arguments.of("no candidate", with(in -> new GateInput(in.release(), null, "configuration has no branch x.", in.signOffs(),
                in.manualQa(), in.blockers(), in.missingBackports(), in.holds(), in.tagger())),
                List.of("There is no candidate to tag: configuration has no branch x.")));
        cases.add(Arguments.of("tagger is the only passing tester",
                with(in -> policy(new GateInput(in.release(), in.candidate(), null, List.of(signOff(PIERRE, CURRENT, Verdict.PASS)),
                        in.manualQa(), in.blockers(), in.missingBackports(), in.holds(), PIERRE), QuorumPolicy.DEFAULT.with("passes", "1"))),
                List.of("pierre would tag and is the only passing tester")));
        cases.add(Arguments.of("tagger as only tester when the policy allows it",
                with(in -> policy(new GateInput(in.release(), in.candidate(), null, List.of(signOff(PIERRE, CURRENT, Verdict.PASS)),
                        in.manualQa(), in.blockers(), in.missingBackports(), in.holds(), PIERRE),
                        QuorumPolicy.DEFAULT.with("passes", "1").with("tagger-may-be-only-tester", "true"))), List.of()));
        cases.add(Arguments.of("cancelled release", with(in -> new GateInput(release(QuorumPolicy.DEFAULT, ReleaseState.CANCELLED),
                in.candidate(), null, in.signOffs(), in.manualQa(), in.blockers(), in.missingBackports(), in.holds(), in.tagger())),
                List.of("koa.2 is cancelled")));
        QuorumPolicy nativeInstall = QuorumPolicy.DEFAULT.with("required-checks", "native-install");
        RepoHead conf = CURRENT.heads().get(0);
        RepoHead platform = CURRENT.heads().get(1);
        cases.add(Arguments.of("required check green on every candidate sha", with(in -> policy(in, nativeInstall).withChecks(List.of(
                new CheckResult(conf.repo(), conf.sha(), "native-install", CheckResult.State.SUCCEEDED, "https://ci/1"),
                new CheckResult(platform.repo(), platform.sha(), "native-install", CheckResult.State.SUCCEEDED, "https://ci/2")), null)),
                List.of()));
        cases.add(Arguments.of("required check failed on one sha, never ran on the other",
                with(in -> policy(in, nativeInstall).withChecks(List.of(
                        new CheckResult(conf.repo(), conf.sha(), "native-install", CheckResult.State.FAILED, "https://ci/1")), null)),
                List.of("Required check native-install failed on configuration@aaaaaaaaaa (https://ci/1)",
                        "Required check native-install never ran on edx-platform@bbbbbbbbbb")));
        cases.add(Arguments.of("required check green on an older sha does not count",
                with(in -> policy(in, nativeInstall).withChecks(List.of(
                        new CheckResult(conf.repo(), new Sha("c".repeat(40)), "native-install", CheckResult.State.SUCCEEDED, null),
                        new CheckResult(platform.repo(), platform.sha(), "native-install", CheckResult.State.PENDING, "https://ci/2")), null)),
                List.of("native-install never ran on configuration", "native-install has not finished on edx-platform")));
        cases.add(Arguments.of("required checks that cannot be read shut the gate",
                with(in -> policy(in, nativeInstall).withChecks(List.of(), "GitHub is unreachable.")),
                List.of("Required checks (native-install) could not be read: GitHub is unreachable.")));
        cases.add(Arguments.of("check results without required checks are ignored",
                with(in -> in.withChecks(List.of(new CheckResult(conf.repo(), conf.sha(), "lint", CheckResult.State.FAILED, null)), null)),
                List.of()));
        BackportCandidate pending = backport(6213, BackportCandidate.State.PENDING);
        cases.add(Arguments.of("pending backport", with(in -> in.withBackports(new BackportQueue(List.of(pending)))),
                List.of("Backport pending: openedx/configuration#6213 'Fix nginx config' is not on open-release/koa.master;"
                        + " cherry-pick it (backport koa.2 6213) or decline it (backport koa.2 decline 6213 <reason>).")));
        cases.add(Arguments.of("backports on the branch or declined", with(in -> in.withBackports(new BackportQueue(List.of(
                backport(1, BackportCandidate.State.ON_BRANCH), backport(2, BackportCandidate.State.DECLINED))))), List.of()));
        cases.add(Arguments.of("pending backport when backports-block is false", with(in -> policy(in,
                QuorumPolicy.DEFAULT.with("backports-block", "false")).withBackports(new BackportQueue(List.of(pending)))), List.of()));
        cases.add(Arguments.of("a pending backport that is a blocker's missing fix is said once", with(in -> new GateInput(in.release(),
                in.candidate(), null, in.signOffs(), in.manualQa(), in.blockers(), List.of(new MissingBackport(1, "nginx",
                new RepoRef("openedx/configuration"), pending.mergeSha(), "is not on open-release/koa.master")), in.holds(), in.tagger())
                .withBackports(new BackportQueue(List.of(pending)))),
                List.of("Missing backport: fix dddddddddd in configuration (blocker #1 nginx) is not on open-release/koa.master")));
        return cases.stream();
    }

    static BackportCandidate backport(int pr, BackportCandidate.State state) {
        return new BackportCandidate(KOA, new PullRequestRef(new RepoRef("openedx/configuration"), pr), "Fix nginx config", "alice",
                new Sha("d".repeat(40)), T.minusSeconds(86_400), "label 'backport koa'", state,
                state == BackportCandidate.State.ON_BRANCH ? BackportCandidate.Landed.CHERRY_PICKED : null,
                state == BackportCandidate.State.DECLINED ? new BackportCandidate.Decline(new MemberId("ned"), "not for koa", T) : null, T);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gateListsExactlyTheUnmetConditions(String name, GateInput input, List<String> expected) {
        GateDecision decision = Gate.evaluate(input);
        assertThat(decision.open()).as("open").isEqualTo(expected.isEmpty());
        assertThat(decision.unmet()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(decision.unmet().get(i)).contains(expected.get(i));
        }
    }

    static GateInput soaking(int hours, Instant rcPushed, Instant now) {
        TagRun rc = new TagRun(1, KOA, CURRENT.id(), TagRun.Kind.RC, "open-release/koa.2rc1", ADOLFO, TagRun.State.SUCCEEDED,
                rcPushed.minusSeconds(30), rcPushed, 0, "", null, List.of());
        GateInput in = policy(open(), QuorumPolicy.DEFAULT.with("min-soak-hours", Integer.toString(hours)));
        return in.withTagRuns(List.of(rc)).at(now);
    }

    @org.junit.jupiter.api.Test
    void withASoakTimeTheGateOpensOnlyThatLongAfterTheReleaseCandidateWasPushed() {
        Instant pushed = Instant.parse("2021-02-06T09:00:00Z");
        GateDecision early = Gate.evaluate(soaking(72, pushed, pushed.plus(java.time.Duration.ofHours(70))));
        assertThat(early.unmet()).singleElement().asString()
                .contains("open-release/koa.2rc1 soaks until 2021-02-09T09:00:00Z (2 h from now)").contains("min-soak-hours");
        assertThat(Gate.evaluate(soaking(72, pushed, pushed.plus(java.time.Duration.ofHours(72)))).unmet()).isEmpty();
        assertThat(Gate.evaluate(soaking(0, pushed, pushed)).unmet()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void withASoakTimeAndNoReleaseCandidateTheGateSaysToPushOne() {
        GateInput in = policy(open(), QuorumPolicy.DEFAULT.with("min-soak-hours", "24")).at(T);
        assertThat(Gate.evaluate(in).unmet()).singleElement().asString()
                .contains("24 h between a release candidate and the tag").contains("candidate tag koa.2");
    }

    @org.junit.jupiter.api.Test
    void aSoakTimeIsHoursWithinAMonth() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QuorumPolicy.DEFAULT.with("min-soak-hours", "721"))
                .hasMessageContaining("between 0 and 720");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QuorumPolicy.DEFAULT.with("min-soak-hours", "3d"))
                .hasMessageContaining("whole number");
    }
}
