package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.testing.FakeForum;
import dev.btrbot.testing.MutableClock;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forum report is triaged like a blocker: made one (with a priority), linked to one, or dismissed with a reason, by
 * the triager or a manager, on the record; until then it counts in the gate, the summary and the triage SLA.
 */
class ForumTriageTest {
    static final Instant NOW = Instant.parse("2021-02-01T09:00:00Z");

    @TempDir
    Path dir;

    TestBot withReport() {
        TestBot bot = TestBot.builder(dir).watchingForum().build().withKoa2();
        bot.forum.topic(4132, "Koa.2 native install fails on Ubuntu 20.04", "jill", NOW.minus(Duration.ofHours(5)), "mysql client", null);
        bot.tick();
        bot.chat.clear();
        return bot;
    }

    @Test
    void theTriagerMakesAReportABlockerLinkingTheThread() {
        TestBot bot = withReport();
        String made = bot.exec("@tina: forum blocker koa.2 1 high");

        assertThat(made).contains("Forum report #1 of koa.2 is blocker #1 (high)")
                .contains("Koa.2 native install fails on Ubuntu 20.04 — https://discuss.example.org/t/4132/1");
        assertThat(bot.exec("blockers koa.2")).contains("https://discuss.example.org/t/4132/1");
        assertThat(bot.exec("forum reports koa.2 --all")).contains("#1 blocker #1").contains("triaged by tina, 2021-02-01T09:00:00Z");
        assertThat(bot.exec("audit koa.2")).contains("forum.blocker").contains("forum report #1 → blocker #1 high");
        assertThat(bot.exec("status koa.2")).contains("Blocker #1 (high) is open: Koa.2 native install fails on Ubuntu 20.04.")
                .doesNotContain("Forum report #1 is untriaged");
        assertThat(bot.exec("@tina: forum dismiss koa.2 1 duplicate")).contains("was triaged already (blocker #1, by tina)");
        assertThat(bot.forum.issues).isEmpty();
    }

    @Test
    void theButtonOfThePingMakesTheBlocker() {
        TestBot bot = TestBot.builder(dir).watchingForum().build().withKoa2();
        bot.forum.topic(4132, "koa.2 install fails", "jill", NOW, "", null);
        bot.tick();
        Reply.Action high = bot.chat.toldTo("tina").get(0).actions().get(1);

        Reply pressed = bot.bot.handle(Invocation.pressed(new dev.btrbot.domain.MemberId("tina"), high));
        assertThat(TextRenderer.render(pressed)).contains("Forum report #1 of koa.2 is blocker #1 (high)");
    }

    @Test
    void aReportIsLinkedToAnExistingBlockerOrDismissedWithAReason() {
        TestBot bot = withReport();
        bot.forum.topic(4200, "koa.2 and MySQL again", "joe", NOW, "", null);
        bot.clock.advance(Duration.ofMinutes(10));
        bot.tick();
        bot.expectOk("blocker add koa.2 https://github.com/openedx/configuration/issues/5 --priority high --title \"mysql client\"");

        assertThat(bot.exec("@tina: forum link koa.2 1 9")).contains("koa.2 has no blocker '9'");
        assertThat(bot.exec("@tina: forum link koa.2 1 1")).contains("Forum report #1 of koa.2 is linked to blocker #1")
                .contains("blocker #1 (high): mysql client");
        assertThat(bot.exec("@tina: forum dismiss koa.2 2")).contains("usage: forum dismiss <release> <report> <reason…>");
        assertThat(bot.exec("@tina: forum dismiss koa.2 #2 not about the release, a local proxy")).contains("Forum report #2 of koa.2 is dismissed")
                .contains("reason: not about the release, a local proxy");

        assertThat(bot.exec("forum reports koa.2")).contains("None untriaged (2 triaged: --all lists them).");
        assertThat(bot.exec("forum reports koa.2 --all")).contains("#1 linked to blocker #1").contains("#2 dismissed: not about the release, a local proxy");
        assertThat(bot.exec("audit koa.2")).contains("forum.link").contains("forum.dismiss");
        assertThat(bot.exec("blockers koa.2")).doesNotContain("4132");
    }

    @Test
    void onlyTheTriagerAManagerOrAnAdminTriages() {
        TestBot bot = withReport();
        bot.expectOk("blocker add koa.2 https://x.org/1 --title other");
        assertThat(bot.exec("@pierre: forum blocker koa.2 1 high")).contains("Only koa.2's triage (tina)");
        assertThat(bot.exec("@pierre: forum dismiss koa.2 1 nope")).contains("Only koa.2's triage (tina)");
        assertThat(bot.exec("@pierre: forum link koa.2 1 1")).contains("Only koa.2's triage (tina)");
        assertThat(bot.exec("forum reports koa.2")).contains("#1 untriaged");
        assertThat(bot.exec("audit koa.2")).doesNotContain("forum.blocker").doesNotContain("forum.dismiss").doesNotContain("forum.link");
        assertThat(bot.exec("forum dismiss koa.2 1 nope")).contains("is dismissed");     // ned, the admin
        assertThat(bot.exec("@tina: forum blocker koa.2 7 high")).contains("koa.2 has no forum report '7'");
    }

    @Test
    void anUntriagedReportShutsTheGateWhileUntriagedBlockersDo() {
        TestBot bot = withReport();
        assertThat(bot.exec("status koa.2")).contains("• Forum report #1 is untriaged: Koa.2 native install fails on Ubuntu 20.04"
                + " (forum blocker, forum link or forum dismiss koa.2 1).").contains("1 untriaged ('forum reports koa.2' lists them)");

        bot.expectOk("policy koa.2 set untriaged-blocks false");
        assertThat(bot.exec("status koa.2")).doesNotContain("• Forum report #1 is untriaged");
    }

    @Test
    void theSummaryListsUntriagedReports() {
        TestBot bot = withReport();
        bot.clock.advance(Duration.ofHours(25));
        bot.expectOk("summary koa.2");
        String summary = TextRenderer.render(bot.chat.posts.get(bot.chat.posts.size() - 1).message());
        assertThat(summary).contains("untriaged forum reports (1, 1 past the 24 h triage SLA):")
                .contains("forum report #1 Koa.2 native install fails on Ubuntu 20.04 — 1d old, TRIAGE OVERDUE — https://discuss.example.org/t/4132/1");
    }

    @Test
    void theTriagerIsPingedAtOnceThenAtOnceAndTwiceTheSla() {
        TestBot bot = withReport();
        bot.clock.advance(Duration.ofHours(23));
        bot.tick();
        assertThat(bot.chat.told).isEmpty();

        bot.clock.advance(Duration.ofHours(1));
        bot.tick();
        assertThat(bot.chat.toldTo("tina")).hasSize(1);
        assertThat(bot.chat.toldTo("ned")).isEmpty();
        String once = TextRenderer.render(bot.chat.toldTo("tina").get(0));
        assertThat(once).startsWith("Forum report #1 of koa.2 is untriaged after 24 h (triage SLA 24 h)")
                .contains("forum blocker koa.2 1 <priority>");

        bot.clock.advance(Duration.ofHours(24));
        bot.tick();
        assertThat(bot.chat.toldTo("tina")).hasSize(2);
        assertThat(TextRenderer.render(bot.chat.toldTo("tina").get(1)))
                .startsWith("Forum report #1 of koa.2 is still untriaged after 48 h (twice the 24 h triage SLA)")
                .contains("triage: tina · release manager: ned");
        assertThat(bot.chat.toldTo("ned")).hasSize(1);

        bot.clock.advance(Duration.ofHours(24));
        bot.tick();
        assertThat(bot.chat.told).hasSize(3);
        assertThat(bot.exec("audit koa.2").lines().filter(l -> l.contains("triage.ping") && l.contains("forum report #1"))).hasSize(2);
    }

    @Test
    void aTriagedReportIsNotPinged() {
        TestBot bot = withReport();
        bot.expectOk("@tina: forum dismiss koa.2 1 spam");
        bot.clock.advance(Duration.ofHours(49));
        bot.tick();
        assertThat(bot.chat.told).isEmpty();
    }

    /** The koa.2 incident: a forum thread of Jan 26 said the release would not install; it became a ticket a week later. */
    @Test
    void theKoa2ForumReportOfJan26ReachesTheTriagerTheSameHour() {
        MutableClock clock = new MutableClock(Instant.parse("2021-01-26T10:00:00Z"));
        TestBot bot = TestBot.builder(dir).clock(clock).watchingForum().build().withKoa2();
        bot.expectOk("release edit koa.2 --target 2021-02-09");
        bot.tick();
        Instant posted = Instant.parse("2021-01-26T10:12:00Z");
        bot.forum.topic(4132, "Native installation of Koa.2 fails on Ubuntu 20.04", "jill", posted,
                "ERROR: mysqlclient fails to build during the native installation", 30);

        clock.set(Instant.parse("2021-01-26T10:20:00Z"));
        bot.tick();

        assertThat(bot.chat.toldTo("tina")).hasSize(1);
        Instant pinged = clock.instant();
        assertThat(Duration.between(posted, pinged)).isLessThan(Duration.ofHours(1));
        assertThat(TextRenderer.render(bot.chat.toldTo("tina").get(0)))
                .startsWith("New forum report #1 on koa.2: Native installation of Koa.2 fails on Ubuntu 20.04")
                .contains("https://discuss.example.org/t/4132/1 — by jill, 2021-01-26T10:12:00Z");
        assertThat(bot.exec("status koa.2")).contains("• Forum report #1 is untriaged");

        bot.expectOk("@tina: forum blocker koa.2 1 high");
        assertThat(bot.exec("blockers koa.2")).contains("Native installation of Koa.2 fails on Ubuntu 20.04");
        assertThat(bot.exec("@adolfo: tag koa.2 --confirm")).contains("Blocker #1 (high) is open");
    }

    @Test
    void withAnIssueRepositoryTheBlockerIsFiledAsAnIssueAndTheThreadToldWhere() {
        TestBot bot = TestBot.builder(dir).watchingForum()
                .settings(TestBot.settings().withForum(new ForumSettings(Set.of(), ForumSettings.DEFAULT_POLL_INTERVAL,
                        "openedx/build-test-release-wg"))).build().withKoa2();
        bot.expectOk("release edit koa.2 --milestone Koa.2 --label affects:koa");
        bot.forum.topic(4132, "koa.2 install fails", "jill", NOW, "mysql client", null);
        bot.tick();

        String made = bot.exec("@tina: forum blocker koa.2 1 high");
        assertThat(made).contains("is blocker #1 (high)")
                .contains("Opened https://github.com/openedx/build-test-release-wg/issues/1001 (it links the thread)")
                .contains("Replied on the thread with the issue's link.");
        FakeForum.Issue issue = bot.forum.issues.get(0);
        assertThat(issue.repo()).isEqualTo("openedx/build-test-release-wg");
        assertThat(issue.milestone()).isEqualTo("Koa.2");
        assertThat(issue.labels()).containsExactly("affects:koa");
        assertThat(issue.body()).contains("https://discuss.example.org/t/4132/1").contains("> mysql client");
        assertThat(bot.forum.replies).containsExactly("4132: Thanks for the report. It is tracked as "
                + "https://github.com/openedx/build-test-release-wg/issues/1001 and blocks koa.2 until it is fixed.");
        assertThat(bot.exec("blockers koa.2")).contains("https://github.com/openedx/build-test-release-wg/issues/1001");
        assertThat(bot.exec("forum reports koa.2 --all")).contains("issue: https://github.com/openedx/build-test-release-wg/issues/1001")
                .contains("https://discuss.example.org/t/4132/1");
    }

    @Test
    void whenTheIssueOrTheReplyFailsTheTriagerIsToldAndTheBlockerStays() {
        TestBot bot = TestBot.builder(dir).watchingForum()
                .settings(TestBot.settings().withForum(new ForumSettings(Set.of(), ForumSettings.DEFAULT_POLL_INTERVAL,
                        "openedx/build-test-release-wg"))).build().withKoa2();
        bot.forum.topic(1, "koa.2 install fails", "jill", NOW, "", null);
        bot.forum.topic(2, "koa.2 theme broken", "joe", NOW, "", null);
        bot.tick();
        bot.forum.refuseIssues("GitHub refused the token (401)");

        assertThat(bot.exec("@tina: forum blocker koa.2 1 high")).contains("is blocker #1 (high)")
                .contains("⚠ The issue was not opened in openedx/build-test-release-wg: GitHub refused the token (401)");
        assertThat(bot.exec("blockers koa.2")).contains("https://discuss.example.org/t/1/1");

        bot.forum.refuseIssues(null);
        bot.forum.refuseReplies("the forum answered 403");
        assertThat(bot.exec("@tina: forum blocker koa.2 2 low")).contains("Opened https://github.com/")
                .contains("⚠ Could not reply on the thread: the forum answered 403");
        assertThat(bot.exec("audit koa.2")).contains("forum.issue-failed").contains("forum.reply-failed");
    }
}
