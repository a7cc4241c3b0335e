package dev.btrbot.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate's checklist condition, pure: each open item is one unmet condition naming its owner and the command. */
class ChecklistGateTest {
    static final Instant T = GateTest.T;
    static final MemberId ALICE = new MemberId("alice");

    static GateInput with(QuorumPolicy policy, List<ChecklistItem> items, Map<RoleName, List<MemberId>> holders) {
        GateInput open = GateTest.open();
        GateInput in = new GateInput(GateTest.release(policy, ReleaseState.TESTING), open.candidate(), null, open.signOffs(),
                open.manualQa(), open.blockers(), open.missingBackports(), open.holds(), open.tagger(), open.checks(), null,
                open.tagRuns(), open.now());
        return in.withChecklist(new Checklist(items, holders));
    }

    static List<ChecklistItem> koa2() {
        return ChecklistTemplate.KOA2.items();
    }

    @Test
    void withoutAChecklistTheGateIsAsBefore() {
        assertThat(Gate.evaluate(GateTest.open()).open()).isTrue();
        assertThat(Gate.evaluate(with(QuorumPolicy.DEFAULT, List.of(), Map.of())).open()).isTrue();
    }

    @Test
    void eachOpenItemIsAnUnmetConditionNamingItsHolderAndTheCommand() {
        List<ChecklistItem> items = koa2().stream().map(i -> i.role().equals(RoleName.MANUAL_QA)
                ? i.ticked(new ChecklistItem.Tick(GateTest.PIERRE, T, "")) : i).toList();
        GateDecision gate = Gate.evaluate(with(QuorumPolicy.DEFAULT, items, Map.of(RoleName.NOTES_REVIEWER, List.of(ALICE))));
        assertThat(gate.unmet()).containsExactly(
                "Checklist: 'every must-have ticket is closed' is open (triage: nobody yet) — check koa.2 must-haves-closed",
                "Checklist: 'release notes reviewed' is open (notes-reviewer: alice) — check koa.2 notes-reviewed",
                "Checklist: 'announcement drafted' is open (announcer: nobody yet) — check koa.2 announcement-drafted");
    }

    @Test
    void everyItemTickedOpensIt() {
        List<ChecklistItem> items = koa2().stream().map(i -> i.ticked(new ChecklistItem.Tick(ALICE, T, "done"))).toList();
        assertThat(Gate.evaluate(with(QuorumPolicy.DEFAULT, items, Map.of())).open()).isTrue();
    }

    @Test
    void withChecklistBlocksFalseOpenItemsDoNotCount() {
        QuorumPolicy policy = QuorumPolicy.DEFAULT.with("checklist-blocks", "false");
        assertThat(Gate.evaluate(with(policy, koa2(), Map.of())).open()).isTrue();
    }

    @Test
    void aPublicViewNamesTheHoldersByDisplayName() {
        GateDecision gate = Gate.evaluate(with(QuorumPolicy.DEFAULT, List.of(koa2().get(2)), Map.of(RoleName.NOTES_REVIEWER, List.of(ALICE))),
                m -> m.equals(ALICE) ? "Alice Martin" : m.value());
        assertThat(gate.unmet()).containsExactly(
                "Checklist: 'release notes reviewed' is open (notes-reviewer: Alice Martin) — check koa.2 notes-reviewed");
    }
}
