package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.core.jobs.Scheduler;
import dev.btrbot.testing.RecordingChat;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerTest {
    @TempDir
    Path dir;
    TestBot bot;

    @BeforeEach
    void koa2() {
        bot = TestBot.builder(dir).build().withKoa2();
    }

    private List<RecordingChat.Post> summaries() {
        return bot.chat.posts.stream().filter(p -> p.message().title().startsWith("koa.2 summary")).toList();
    }

    private static String text(Reply r) {
        return TextRenderer.render(r);
    }

    /** Ticks every {@code step} from now until {@code end}; returns the instants at which a summary was posted. */
    private List<Instant> walk(Scheduler scheduler, Instant end, Duration step) {
        List<Instant> postedAt = new ArrayList<>();
        for (int i = 0; i < 10_000 && bot.clock.instant().isBefore(end); i++) {
            int before = summaries().size();
            scheduler.tick();
            if (summaries().size() > before) {
                postedAt.add(bot.clock.instant());
            }
            bot.clock.advance(step);
        }
        return postedAt;
    }

    @Test
    void theSummaryIsPostedOncePerLocalDayAt0900AcrossTheSpringDstChangeAndARestart() {
        bot.expectOk("schedule koa.2 set timezone Europe/Paris");
        bot.clock.set(Instant.parse("2021-03-25T00:00:00Z"));
        List<Instant> posted = new ArrayList<>(walk(bot.scheduler, Instant.parse("2021-03-28T12:00:00Z"), Duration.ofMinutes(30)));
        // the process restarts: a new store on the same file, nothing kept in memory
        posted.addAll(walk(bot.otherProcess(2), Instant.parse("2021-04-01T00:00:00Z"), Duration.ofMinutes(30)));
        assertThat(posted).containsExactly(
                Instant.parse("2021-03-25T08:00:00Z"), Instant.parse("2021-03-26T08:00:00Z"), Instant.parse("2021-03-27T08:00:00Z"),
                Instant.parse("2021-03-28T07:00:00Z"), Instant.parse("2021-03-29T07:00:00Z"), Instant.parse("2021-03-30T07:00:00Z"),
                Instant.parse("2021-03-31T07:00:00Z"));
        assertThat(posted.stream().map(t -> t.atZone(ZoneId.of("Europe/Paris")).toLocalTime().toString()).distinct())
                .containsExactly("09:00");
    }

    @Test
    void theFallBackDayInNewYorkNeitherSkipsNorDoublesTheSummary() {
        bot.expectOk("schedule koa.2 set timezone America/New_York");
        bot.expectOk("schedule koa.2 set summary-at 01:30");
        bot.clock.set(Instant.parse("2021-11-06T04:00:00Z")); // midnight in New York
        List<Instant> posted = walk(bot.scheduler, Instant.parse("2021-11-09T00:00:00Z"), Duration.ofMinutes(30));
        assertThat(posted).containsExactly(Instant.parse("2021-11-06T05:30:00Z"), Instant.parse("2021-11-07T05:30:00Z"),
                Instant.parse("2021-11-08T06:30:00Z"));
    }

    @Test
    void afterDaysOfDowntimeOneLateSummaryIsPostedNotOnePerMissedDay() {
        bot.tick();
        assertThat(summaries()).hasSize(1);
        bot.clock.set(Instant.parse("2021-02-04T15:00:00Z"));
        bot.otherProcess(2).tick();
        bot.tick();
        assertThat(summaries()).hasSize(2);
        assertThat(summaries().get(1).message().title()).contains("2021-02-04");
    }

    @Test
    void weekendsAreSkippedWhenTheReleaseSaysSo() {
        bot.expectOk("schedule koa.2 set skip-weekends true");
        bot.clock.set(Instant.parse("2021-02-01T00:00:00Z")); // a Monday
        List<Instant> posted = walk(bot.scheduler, Instant.parse("2021-02-08T00:00:00Z"), Duration.ofHours(1));
        assertThat(posted).hasSize(5).allSatisfy(t -> assertThat(LocalDate.ofInstant(t, ZoneId.of("UTC")).getDayOfWeek().getValue())
                .isLessThanOrEqualTo(5));
    }

    @Test
    void twoSchedulersOnOneDatabaseRacingFromTwoThreadsSendEachMessageOnce() throws Exception {
        bot.expectOk("@pierre: blocker add koa.2 https://discuss.openedx.org/t/4132 --title \"mysql client fails\"");
        Scheduler one = bot.scheduler;
        Scheduler two = bot.otherProcess(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int day = 0; day < 4; day++) {
                bot.clock.set(Instant.parse("2021-02-01T09:00:00Z").plus(Duration.ofDays(day)));
                for (int round = 0; round < 3; round++) {
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<?>> both = new ArrayList<>();
                    for (Scheduler s : List.of(one, two)) {
                        both.add(pool.submit(() -> {
                            start.await();
                            return s.tick();
                        }));
                    }
                    start.countDown();
                    for (Future<?> f : both) {
                        f.get();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(summaries()).hasSize(4);
        assertThat(summaries().stream().map(p -> p.message().title().substring(16, 26)).distinct()).hasSize(4);
        assertThat(bot.chat.toldTo("tina")).extracting(Reply::title)
                .satisfiesExactly(t -> assertThat(t).contains("untriaged after 24 h"), t -> assertThat(t).contains("twice the 24 h"));
    }

    @Test
    void aSummaryClaimedByAnEarlierVersionOfTheBotIsNotPostedAgain() {
        bot.clock.set(Instant.parse("2021-02-01T09:00:00Z"));
        // the row as the bot wrote it before jobs had typed keys: kind "summary", slot the local date
        bot.store.write(tx -> tx.scheduledPosts().claim(new dev.btrbot.domain.ReleaseName("koa.2"), "summary", "2021-02-01",
                "old-host:1", Instant.parse("2021-02-01T09:00:00Z")));
        bot.tick();
        assertThat(summaries()).isEmpty();
        bot.clock.advance(Duration.ofDays(1));
        bot.tick();
        assertThat(summaries()).hasSize(1);
    }

    @Test
    void aSummaryWhosePostFailedIsNotRetriedThatDaySoItCanNeverBePostedTwice() {
        bot.chat.down = true;
        bot.tick();
        bot.chat.down = false;
        bot.clock.advance(Duration.ofHours(1));
        bot.tick();
        assertThat(summaries()).isEmpty();
        assertThat(bot.exec("audit koa.2")).contains("summary.post");
        assertThat(bot.exec("status koa.2")).contains("not delivered:").contains("did not reach the chat; 'summary koa.2' posts one now");
        bot.clock.advance(Duration.ofDays(1));
        bot.tick();
        assertThat(summaries()).hasSize(1);
    }

    @Test
    void theSummaryShowsTargetGateBlockersCandidateAndRolesAndPostsOnRequest() {
        bot.expectOk("@pierre: blocker add koa.2 https://discuss.openedx.org/t/4132 --title \"mysql client fails\" --reported 2021-01-30");
        bot.expectOk("blocker add koa.2 https://github.com/openedx/edx-platform/issues/9 --priority high --title \"login broken\"");
        bot.expectOk("@pierre: signoff koa.2 pass --env Ubuntu");
        assertThat(bot.expectOk("@sofiane: summary koa.2")).contains("Posted the summary of koa.2 to the default channel");
        assertThat(summaries()).hasSize(1);
        String summary = text(summaries().get(0).message());
        assertThat(summary).contains("koa.2 summary — Mon 2021-02-01 · no target date")
                .contains("NO-GO").contains("• ")
                .contains("untriaged (1, 1 past the 24 h triage SLA)").contains("#1 mysql client fails — 2d old, TRIAGE OVERDUE")
                .contains("high (1)").contains("#2 login broken — 0d old")
                .contains("sign-offs: ✅ pierre (Ubuntu)")
                .contains("release-manager: — · manual-qa: pierre · triage: tina · forum: — · tagger: adolfo");
        assertThat(bot.exec("audit koa.2")).contains("summary.post").contains("on request");
        assertThat(bot.exec("summary koa.9")).contains("Unknown release koa.9");
    }

    @Test
    void rotatePromptsEachProposedMemberRemindsHalfwayAndExpiresIntoTheNextPoolMemberInOrder() {
        for (String m : new String[] {"ana", "ben", "cai"}) {
            bot.expectOk("pool notes-reviewer add " + m);
        }
        bot.expectOk("rotate koa.2");
        Reply prompt = bot.chat.toldTo("ana").get(0);
        assertThat(text(prompt)).contains("You are offered the notes-reviewer role for koa.2").contains("by 2021-02-03 09:00 UTC");
        assertThat(prompt.actions()).extracting(Reply.Action::id, Reply.Action::command).containsExactly(
                org.assertj.core.groups.Tuple.tuple("role-accept", "role accept koa.2 notes-reviewer"),
                org.assertj.core.groups.Tuple.tuple("role-decline", "role decline koa.2 notes-reviewer"));

        bot.clock.advance(Duration.ofHours(23));
        bot.tick();
        assertThat(bot.chat.toldTo("ana")).hasSize(1);
        bot.clock.advance(Duration.ofHours(1));
        bot.tick();
        bot.tick();
        assertThat(bot.chat.toldTo("ana")).hasSize(2);
        assertThat(bot.chat.toldTo("ana").get(1).title()).startsWith("Reminder:");

        bot.clock.advance(Duration.ofHours(24));
        bot.tick();
        assertThat(bot.chat.toldTo("ana").get(2).title()).contains("expired");
        assertThat(bot.chat.toldTo("ben")).hasSize(1);
        assertThat(text(bot.chat.toldTo("ned").get(0))).contains("ana did not answer the offer of notes-reviewer")
                .contains("Offered to ben instead");

        bot.expectOk("@ben: role decline koa.2 notes-reviewer");
        assertThat(bot.chat.toldTo("cai")).hasSize(1);
        assertThat(text(bot.chat.toldTo("ned").get(1))).contains("ben declined notes-reviewer for koa.2").contains("Offered to cai");

        bot.clock.advance(Duration.ofHours(48));
        bot.tick();
        bot.tick();
        assertThat(bot.chat.toldTo("ned")).hasSize(3);
        assertThat(text(bot.chat.toldTo("ned").get(2))).contains("nobody else in the pool is available")
                .contains("role assign koa.2 notes-reviewer <member>");
        assertThat(bot.chat.toldTo("ana")).hasSize(3);
        assertThat(bot.exec("roles koa.2")).contains("notes-reviewer: nobody");
        assertThat(bot.exec("audit koa.2")).contains("role.remind").contains("role.expire");
    }

    @Test
    void anAcceptedOfferIsNeitherRemindedNorExpired() {
        bot.expectOk("pool forum add ana");
        bot.expectOk("rotate koa.2");
        bot.expectOk("@ana: role accept koa.2 forum");
        bot.clock.advance(Duration.ofDays(5));
        bot.tick();
        assertThat(bot.chat.toldTo("ana")).hasSize(1);
        assertThat(bot.exec("roles koa.2")).contains("forum: ana");
    }

    @Test
    void anUntriagedBlockerPingsTheTriagerOnceThenAgainWithTheManagerAtTwiceTheSla() {
        bot.expectOk("@pierre: blocker add koa.2 https://discuss.openedx.org/t/4132 --title \"mysql client fails\"");
        bot.expectOk("blocker add koa.2 https://github.com/openedx/edx-platform/issues/9 --priority high --title \"login broken\"");
        bot.clock.advance(Duration.ofHours(23));
        bot.tick();
        assertThat(bot.chat.told).isEmpty();
        bot.clock.advance(Duration.ofHours(1));
        bot.tick();
        bot.tick();
        assertThat(bot.chat.toldTo("tina")).hasSize(1);
        assertThat(text(bot.chat.toldTo("tina").get(0))).contains("Blocker #1 of koa.2 is untriaged after 24 h")
                .contains("blocker priority koa.2 1");
        assertThat(bot.chat.toldTo("ned")).isEmpty();
        bot.clock.advance(Duration.ofHours(24));
        bot.tick();
        bot.clock.advance(Duration.ofDays(3));
        bot.tick();
        assertThat(bot.chat.toldTo("tina")).hasSize(2);
        assertThat(bot.chat.toldTo("ned")).hasSize(1);
        assertThat(text(bot.chat.toldTo("ned").get(0))).contains("twice the 24 h triage SLA").contains("triage: tina · release manager: ned");
        assertThat(bot.exec("audit koa.2")).contains("triage.ping");
    }

    @Test
    void testersOfAReplacedCandidateAreToldWhatChangedOnce() {
        bot.expectOk("@pierre: signoff koa.2 pass --env Ubuntu");
        bot.expectOk("@sofiane: signoff koa.2 fail");
        bot.tick();
        assertThat(bot.chat.told).isEmpty();
        bot.git.head("openedx/edx-platform", TestBot.sha('c'));
        bot.tick();
        bot.tick();
        assertThat(bot.chat.toldTo("pierre")).hasSize(1);
        assertThat(bot.chat.toldTo("sofiane")).hasSize(1);
        Reply nudge = bot.chat.toldTo("pierre").get(0);
        assertThat(text(nudge)).contains("the candidate changed").contains("please test again")
                .contains("edx-platform: bbbbbbbbbb → cccccccccc").doesNotContain("configuration:");
        assertThat(nudge.actions()).extracting(Reply.Action::id).containsExactly("signoff-pass", "signoff-fail");
        assertThat(bot.chat.toldTo("adolfo")).isEmpty();
    }

    @Test
    void theTaggerIsToldOnceWhenTheGateOpensAndAgainForANewCandidate() {
        bot.tick();
        assertThat(bot.chat.toldTo("adolfo")).isEmpty();
        bot.expectOk("@pierre: signoff koa.2 pass");
        bot.expectOk("@sofiane: signoff koa.2 pass");
        bot.tick();
        bot.tick();
        assertThat(bot.chat.toldTo("adolfo")).hasSize(1);
        assertThat(text(bot.chat.toldTo("adolfo").get(0))).contains("The gate of koa.2 is open").contains("tag koa.2 --confirm");
        bot.git.head("openedx/configuration", TestBot.sha('d'));
        bot.tick();
        assertThat(bot.chat.toldTo("adolfo")).hasSize(1);
        bot.expectOk("@pierre: signoff koa.2 pass");
        bot.expectOk("@sofiane: signoff koa.2 pass");
        bot.tick();
        assertThat(bot.chat.toldTo("adolfo")).hasSize(2);
        assertThat(bot.exec("audit koa.2")).contains("gate.notice").contains("signoff.nudge");
    }

    @Test
    void theTaggerIsToldWhenTheGateOpensWithRequiredChecksGreen() {
        TestBot withCi = TestBot.builder(dir.resolve("ci")).github(dev.btrbot.core.port.BlockerSource.NONE,
                (repo, sha, names) -> names.stream().map(n -> new dev.btrbot.domain.CheckResult(repo, sha, n,
                        dev.btrbot.domain.CheckResult.State.SUCCEEDED, "https://ci.example.org/" + n)).toList()).build().withKoa2();
        withCi.expectOk("policy koa.2 set required-checks native-install");
        withCi.expectOk("@pierre: signoff koa.2 pass");
        withCi.expectOk("@sofiane: signoff koa.2 pass");
        withCi.tick();
        assertThat(withCi.chat.toldTo("adolfo")).hasSize(1);
        assertThat(text(withCi.chat.toldTo("adolfo").get(0))).contains("The gate of koa.2 is open");
    }

    @Test
    void scheduleSettingsAreValidatedAndOnlyManagersChangeThem() {
        assertThat(bot.exec("schedule koa.2 show")).contains("timezone = UTC").contains("summary-at = 09:00")
                .contains("skip-weekends = false");
        assertThat(bot.exec("schedule koa.2 set timezone Mars/Olympus"))
                .startsWith("error: 'Mars/Olympus' is not a time zone (a region such as Europe/Paris, or UTC).\n");
        assertThat(bot.exec("schedule koa.2 set summary-at 9am")).startsWith("error: '9am' is not a time of day");
        assertThat(bot.exec("schedule koa.2 set colour red")).startsWith("error: 'colour' is not a schedule setting");
        assertThat(bot.exec("@pierre: schedule koa.2 set summary-at 08:00")).contains("may change the schedule");
        assertThat(bot.exec("schedule koa.2 show")).contains("summary-at = 09:00");
        assertThat(bot.expectOk("schedule koa.2 set summary-at 07:45")).contains("summary-at = 07:45");
        assertThat(bot.exec("audit koa.2")).contains("schedule.set").contains("summary-at: 09:00 → 07:45");
    }

    @AfterEach
    void noErrorReplies() {
        assertThat(bot.chat.posts).noneMatch(p -> p.message().isError());
    }
}
