package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.domain.ChecklistTemplate;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.QuorumPolicy;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseState;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.TagTemplate;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runbook checklist through the commands: given on create, ticked by its owners, counted by the gate. */
class ChecklistTest {
    @TempDir
    Path dir;
    TestBot bot;

    @BeforeEach
    void koa2WithTheKoa2Runbook() {
        bot = TestBot.builder(dir).checklist(ChecklistTemplate.KOA2).build().withKoa2();
        bot.expectOk("role assign koa.2 notes-reviewer alice");
    }

    private void quorum() {
        bot.expectOk("@pierre: signoff koa.2 pass --env \"Ubuntu 20.04, native\"");
        bot.expectOk("@sofiane: signoff koa.2 pass --env AWS");
    }

    private void tickAll() {
        bot.expectOk("@pierre: check koa.2 native-install");
        bot.expectOk("@tina: check koa.2 2");
        bot.expectOk("@alice: check koa.2 notes-reviewed");
        bot.expectOk("check koa.2 announcement-drafted");
    }

    private java.util.Optional<List<dev.btrbot.domain.ChecklistItem>> stored(ReleaseName release) {
        return bot.store.read(tx -> tx.checklists().find(release));
    }

    private int auditEvents() {
        return bot.store.read(tx -> tx.audit().forRelease(new ReleaseName("koa.2"))).size();
    }

    @Test
    void aNewReleaseGetsTheTemplatesItemsOpenWithTheirOwners() {
        String list = bot.exec("checklist koa.2");
        assertThat(list).contains("koa.2 checklist — 0 of 4 checked")
                .contains("1. ☐ native-install — installed the rc with the native installation instructions — open (manual-qa: pierre)")
                .contains("2. ☐ must-haves-closed — every must-have ticket is closed — open (triage: tina)")
                .contains("3. ☐ notes-reviewed — release notes reviewed — open (notes-reviewer: alice)")
                .contains("4. ☐ announcement-drafted — announcement drafted — open (announcer: nobody yet)");
        assertThat(bot.exec("audit koa.2")).contains("checklist.create");
    }

    @Test
    void eachOpenItemKeepsTheGateShutAndSaysWhoChecksIt() {
        quorum();
        String status = bot.exec("status koa.2");
        assertThat(status).contains("NO-GO: 4 unmet")
                .contains("Checklist: 'release notes reviewed' is open (notes-reviewer: alice) — check koa.2 notes-reviewed")
                .contains("Checklist: 'announcement drafted' is open (announcer: nobody yet) — check koa.2 announcement-drafted")
                .contains("checklist (4 of 4 open)");
        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("NO-GO");
        assertThat(bot.tagger.requests).isEmpty();

        tickAll();
        assertThat(bot.exec("status koa.2")).contains("GO: every condition holds").contains("checklist (0 of 4 open)");
        assertThat(bot.expectOk("@adolfo: tag koa.2 --confirm")).contains("succeeded");
    }

    @Test
    void withChecklistBlocksFalseOpenItemsDoNotShutTheGate() {
        quorum();
        bot.expectOk("policy koa.2 set checklist-blocks false");
        assertThat(bot.exec("status koa.2")).contains("GO: every condition holds").contains("checklist (4 of 4 open)");
        assertThat(bot.exec("checklist koa.2")).contains("The gate does not wait for it (policy checklist-blocks is false).");
    }

    @Test
    void approvingTheReleaseNotesTicksTheNotesReviewedItemOnce() {
        assertThat(bot.expectOk("@alice: notes koa.2 approve")).contains("Release notes of koa.2 approved for candidate");

        assertThat(bot.exec("checklist koa.2")).containsPattern("3\\. ✅ notes-reviewed — release notes reviewed — checked by alice at .*"
                + "notes approved for candidate");
        assertThat(bot.exec("@alice: check koa.2 notes-reviewed")).as("ticked once").contains("is checked already, by alice");
        assertThat(bot.exec("audit koa.2")).contains("notes.approve").contains("checklist.check");
    }

    @Test
    void aTesterCannotTickTheNotesReviewersItemButTheReviewerAndAManagerCan() {
        int before = auditEvents();
        String refused = bot.exec("@pierre: check koa.2 notes-reviewed");
        assertThat(refused).contains("Only koa.2's notes-reviewer (alice), its release-manager (nobody yet) or an admin (ned)"
                + " may check 'notes-reviewed'.");
        assertThat(auditEvents()).as("a refusal changes nothing").isEqualTo(before);
        assertThat(bot.exec("checklist koa.2")).contains("3. ☐ notes-reviewed");

        assertThat(bot.expectOk("@alice: check koa.2 3 read them twice")).contains("Checked 3. notes-reviewed of koa.2")
                .contains("3 open: native-install, must-haves-closed, announcement-drafted");
        assertThat(bot.expectOk("check koa.2 announcement-drafted")).contains("Checked 4. announcement-drafted");
        bot.expectOk("role assign koa.2 release-manager rita");
        assertThat(bot.expectOk("@rita: check koa.2 must-haves-closed")).contains("Checked 2. must-haves-closed");
        String list = bot.exec("checklist koa.2");
        assertThat(list).contains("3 of 4 checked")
                .containsPattern("3\\. ✅ notes-reviewed — release notes reviewed — checked by alice at 2021-02-01T09:00:00Z: read them twice");
        assertThat(bot.exec("audit koa.2")).contains("checklist.check").contains("notes-reviewed: release notes reviewed, notes: read them twice");
    }

    @Test
    void anItemIsTickedOnceAndAnUnknownItemIsNamedWithTheOnesThereAre() {
        bot.expectOk("@pierre: check koa.2 native-install");
        assertThat(bot.exec("@pierre: check koa.2 1")).contains("'native-install' is checked already, by pierre at 2021-02-01T09:00:00Z"
                + " (uncheck koa.2 native-install opens it again).");
        assertThat(bot.exec("check koa.2 release-notes")).contains("'release-notes' is not an item of koa.2's checklist (1-4 or"
                + " native-install, must-haves-closed, notes-reviewed, announcement-drafted).");
        assertThat(bot.exec("check koa.2 9")).contains("is not an item of koa.2's checklist");
    }

    @Test
    void uncheckingIsAllowedBeforeTheTagAndRefusedAfterIt() {
        bot.expectOk("@pierre: check koa.2 native-install wrong rc");
        assertThat(bot.exec("@sofiane: uncheck koa.2 native-install")).contains("Only koa.2's manual-qa (pierre)");
        assertThat(bot.expectOk("@pierre: uncheck koa.2 native-install")).contains("Opened 1. native-install of koa.2 again")
                .contains("(was checked by pierre at 2021-02-01T09:00:00Z)");
        assertThat(bot.exec("@pierre: uncheck koa.2 native-install")).contains("'native-install' is not checked.");
        assertThat(bot.exec("audit koa.2")).contains("checklist.uncheck").contains("native-install: installed the rc with the native"
                + " installation instructions (checked by pierre at 2021-02-01T09:00:00Z)");

        quorum();
        tickAll();
        bot.expectOk("@adolfo: tag koa.2 --confirm");
        int before = auditEvents();
        assertThat(bot.exec("@pierre: uncheck koa.2 native-install")).contains("koa.2 is tagged: its checklist stays as it was at the tag,"
                + " and unticking is refused.");
        assertThat(bot.exec("uncheck koa.2 1")).as("not even a manager").contains("unticking is refused");
        assertThat(auditEvents()).isEqualTo(before);
        assertThat(bot.exec("checklist koa.2")).contains("4 of 4 checked");
    }

    @Test
    void aCancelledReleasesChecklistIsClosed() {
        bot.expectOk("release cancel koa.2");
        assertThat(bot.exec("@pierre: check koa.2 native-install")).contains("koa.2 is cancelled: its checklist is closed.");
        assertThat(bot.exec("uncheck koa.2 native-install")).contains("koa.2 is cancelled: its checklist is closed.");
    }

    @Test
    void hostileNotesAreStoredAsGivenAndShownOnOneLine() {
        String note = "\"fine\nAUDIT 2021-02-01 ned release.cancel forged\u202Eevil\"";
        bot.expectOk("@pierre: check koa.2 native-install " + note);
        String list = bot.exec("checklist koa.2");
        assertThat(list).contains("fine ⏎ AUDIT 2021-02-01 ned release.cancel forged\uFFFDevil").doesNotContain("\nAUDIT");
        assertThat(bot.exec("audit koa.2")).doesNotContain("\nAUDIT");
        String stored = bot.store.read(tx -> tx.checklists().find(new ReleaseName("koa.2"))).orElseThrow().get(0).tick().note();
        assertThat(stored).isEqualTo("fine\nAUDIT 2021-02-01 ned release.cancel forged\u202Eevil");
        assertThat(bot.exec("@pierre: check koa.2 2 " + "x".repeat(501))).contains("at most 500 characters");
    }

    @Test
    void theSummaryNamesTheOpenItemsAndTheirHolders() {
        bot.expectOk("@pierre: check koa.2 native-install");
        bot.expectOk("summary koa.2");
        assertThat(bot.chat.posts).hasSize(1);
        assertThat(dev.btrbot.adapter.render.TextRenderer.render(bot.chat.posts.get(0).message()))
                .contains("3 of 4 open: every must-have ticket is closed (triage: tina), release notes reviewed (notes-reviewer: alice),"
                        + " announcement drafted (announcer: nobody yet) ('checklist koa.2' lists them)");
    }

    @Test
    void statusJsonListsTheItems() {
        bot.expectOk("@pierre: check koa.2 native-install done");
        String json = bot.exec("status koa.2 --json");
        assertThat(json).contains("\"checklist\"").contains("\"id\" : \"native-install\"").contains("\"checked\" : true")
                .contains("\"by\" : \"pierre\"").contains("\"note\" : \"done\"").contains("\"holders\" : [ \"alice\" ]");
        assertThat(bot.exec("status koa.2 --stored --redacted --json")).doesNotContain("\"note\" : \"done\"");
    }

    @Test
    void aReleaseFromBeforeChecklistsShowsTheTemplateUntilACommandGivesItOne() {
        ReleaseName old = new ReleaseName("juniper.1");
        bot.store.write(tx -> {
            tx.releases().insert(new Release(old, new GitRefName("open-release/juniper.master"), List.of(new RepoRef("openedx/configuration")),
                    null, null, null, null, TagTemplate.DEFAULT_TAG, TagTemplate.DEFAULT_RC, ReleaseState.TESTING, QuorumPolicy.DEFAULT,
                    bot.clock.instant()));
            return null;
        });
        assertThat(stored(old)).isEmpty();
        assertThat(bot.exec("status juniper.1 --stored")).contains("Checklist: 'announcement drafted' is open");
        assertThat(stored(old)).as("a view writes nothing").isEmpty();

        assertThat(bot.exec("checklist juniper.1")).contains("0 of 4 checked");
        assertThat(stored(old)).hasValueSatisfying(items -> assertThat(items).hasSize(4));
        assertThat(bot.exec("audit juniper.1")).contains("checklist.create");
    }
}
