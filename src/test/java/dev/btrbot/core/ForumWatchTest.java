package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.domain.ForumPost;
import dev.btrbot.testing.MutableClock;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forum watch finds reports by polling, keeps a thread to one report, and never takes a post twice. */
class ForumWatchTest {
    static final Instant NOW = Instant.parse("2021-02-01T09:00:00Z");

    @TempDir
    Path dir;

    TestBot bot() {
        return TestBot.builder(dir).watchingForum().build().withKoa2();
    }

    @Test
    void aPostNamingTheReleaseBecomesAReportWhenTheForumIsPolled() {
        TestBot bot = bot();
        bot.forum.topic(4132, "Koa.2 native install fails on Ubuntu 20.04", "jill", NOW.minus(Duration.ofHours(2)),
                "mysql client fails to install", 30);
        bot.tick();

        assertThat(bot.exec("forum reports koa.2")).contains("#1 untriaged")
                .contains("Koa.2 native install fails on Ubuntu 20.04 — https://discuss.example.org/t/4132/1")
                .contains("by jill, 2021-02-01T07:00:00Z; no replies").contains("“mysql client fails to install”")
                .contains("the forum was read just now.");
        assertThat(bot.exec("audit koa.2")).contains("forum.report").contains("#1 https://discuss.example.org/t/4132/1");
        assertThat(bot.forum.askedAfter).containsExactly(0L);
        assertThat(bot.forum.askedNotBefore).containsExactly(NOW.minus(Duration.ofDays(7)));
    }

    @Test
    void aPostAboutNoActiveReleaseMakesNoReport() {
        TestBot bot = bot();
        bot.forum.topic(1, "koa.20 is out", "jill", NOW, "", null);
        bot.forum.topic(2, "How do I theme the LMS?", "joe", NOW, "", null);
        bot.tick();

        assertThat(bot.exec("forum reports koa.2 --all")).contains("None.");
        assertThat(bot.chat.told).isEmpty();
    }

    @Test
    void aReplyInAReportedThreadJoinsItsReportInsteadOfMakingANewOne() {
        TestBot bot = bot();
        bot.forum.topic(4132, "Koa.2 native install fails", "jill", NOW.minus(Duration.ofHours(3)), "", null);
        bot.tick();
        bot.forum.reply(4132, 2, "Koa.2 native install fails", "joe", NOW.minus(Duration.ofHours(1)), "same here, on a fresh VM");
        bot.forum.reply(4132, 3, "Koa.2 native install fails", "ana", NOW.minus(Duration.ofMinutes(30)), "me too");
        bot.clock.advance(Duration.ofMinutes(10));
        bot.tick();

        String reports = bot.exec("forum reports koa.2");
        assertThat(reports).contains("#1 untriaged").doesNotContain("#2 ")
                .contains("2 replies, the last 2021-02-01T08:30:00Z by ana");
        assertThat(bot.chat.toldTo("tina")).hasSize(1);
    }

    @Test
    void thePollRunsEveryPollIntervalAndResumesFromTheHighestPostSeen() {
        TestBot bot = bot();
        ForumPost first = bot.forum.topic(1, "koa.2 fails", "jill", NOW, "", null);
        bot.tick();
        bot.clock.advance(Duration.ofMinutes(5));
        bot.tick();                                       // within the 10 min interval: not polled
        bot.clock.advance(Duration.ofMinutes(5));
        bot.tick();

        assertThat(bot.forum.askedAfter).containsExactly(0L, first.postId());
    }

    @Test
    void noReportIsMadeTwiceAfterARestart() {
        TestBot bot = bot();
        ForumPost post = bot.forum.topic(4132, "koa.2 fails", "jill", NOW, "", null);
        bot.tick();

        TestBot restarted = TestBot.builder(dir).watchingForum().clock(new MutableClock(NOW.plus(Duration.ofHours(1)))).build();
        ForumPost same = restarted.forum.topic(4132, "koa.2 fails", "jill", NOW, "", null);
        assertThat(same.postId()).isEqualTo(post.postId());
        restarted.tick();

        assertThat(restarted.forum.askedAfter).containsExactly(post.postId());
        assertThat(restarted.wiring.forumIntake().receive(List.of(same))).isZero();    // the webhook offering it again
        assertThat(restarted.exec("forum reports koa.2 --all")).contains("#1 untriaged").doesNotContain("#2 ");
        assertThat(restarted.chat.told).isEmpty();
    }

    @Test
    void takingTheSamePostTwiceChangesNothing() {
        TestBot bot = bot();
        ForumPost post = bot.forum.topic(9, "koa.2 fails", "jill", NOW, "", null);
        ForumPost reply = bot.forum.reply(9, 2, "koa.2 fails", "joe", NOW, "+1");

        assertThat(bot.wiring.forumIntake().receive(List.of(post, reply))).isEqualTo(2);
        assertThat(bot.wiring.forumIntake().receive(List.of(post, reply))).isZero();
        assertThat(bot.exec("forum reports koa.2")).contains("1 reply, the last");
        assertThat(bot.chat.toldTo("tina")).hasSize(1);
    }

    @Test
    void anUnreachableForumIsRecordedTheCursorStaysAndStatusSaysSince() throws Exception {
        TestBot bot = bot();
        ForumPost first = bot.forum.topic(1, "koa.2 fails", "jill", NOW, "", null);
        bot.tick();
        bot.forum.down("discuss.example.org answered 502");
        bot.clock.advance(Duration.ofMinutes(10));
        bot.tick();
        bot.clock.advance(Duration.ofMinutes(10));
        bot.tick();

        assertThat(bot.exec("status koa.2")).contains("forum unreachable since 2021-02-01T09:10:00Z (discuss.example.org answered 502);"
                + " the forum was read 20 min ago.");
        assertThat(bot.exec("status koa.2 --stored --redacted")).contains("forum unreachable since 2021-02-01T09:10:00Z;")
                .doesNotContain("502");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bot.reply("status koa.2 --json").json()).get("forum");
        assertThat(json.get("readAt").asText()).isEqualTo("2021-02-01T09:00:00Z");
        assertThat(json.get("unreachableSince").asText()).isEqualTo("2021-02-01T09:10:00Z");
        assertThat(json.get("lastError").asText()).isEqualTo("discuss.example.org answered 502");
        assertThat(json.get("reports").get(0).get("url").asText()).isEqualTo("https://discuss.example.org/t/1/1");
        assertThat(json.get("reports").get(0).get("state").asText()).isEqualTo("untriaged");
        var redacted = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(bot.reply("status koa.2 --stored --redacted --json").json()).get("forum");
        assertThat(redacted.get("lastError").isNull()).isTrue();
        String refused = bot.exec("forum poll");
        assertThat(refused).contains("The forum could not be read: discuss.example.org answered 502")
                .contains("the next poll starts from post " + first.postId());

        bot.forum.down(null);
        bot.forum.reply(1, 2, "koa.2 fails", "joe", NOW, "+1");
        assertThat(bot.exec("forum poll")).contains("1 new post read; 1 about a release (0 new reports, 1 reply to reported threads).");
        assertThat(bot.exec("status koa.2")).contains("the forum was read just now.").doesNotContain("unreachable");
        assertThat(bot.forum.askedAfter).containsExactly(0L, first.postId(), first.postId(), first.postId(), first.postId());
    }

    @Test
    void forumPollIsForManagersAndSaysWhatItFound() {
        TestBot bot = bot();
        bot.forum.topic(4132, "koa.2 install fails", "jill", NOW, "", null);

        assertThat(bot.exec("@pierre: forum poll")).contains("Only an admin or a release manager may poll the forum.");
        String found = bot.exec("forum poll");
        assertThat(found).contains("1 new post read; 1 about a release (1 new report, 0 replies to reported threads).")
                .contains("koa.2 forum report #1: koa.2 install fails — https://discuss.example.org/t/4132/1");
        assertThat(bot.chat.toldTo("tina")).hasSize(1);
    }

    @Test
    void withoutAForumForumPollSaysSo() {
        TestBot bot = TestBot.builder(dir).build().withKoa2();
        assertThat(bot.exec("forum poll")).contains("No forum is watched");
        bot.tick();
        assertThat(bot.exec("status koa.2")).doesNotContain("the forum was").doesNotContain("forum reports");
    }

    @Test
    void anAliasAManagerAddsIsMatchedAndRemovable() {
        TestBot bot = bot();
        assertThat(bot.exec("@pierre: release alias koa.2 \"the koa release\"")).contains("Only an admin");
        assertThat(bot.exec("release alias koa.2 \"The  Koa release\"")).contains("now also matches \"the koa release\" for koa.2");
        assertThat(bot.exec("release alias koa.2 \"the koa release\"")).contains("has the alias \"the koa release\" already");
        bot.forum.topic(1, "The KOA release will not install", "jill", NOW, "", null);
        bot.tick();
        assertThat(bot.exec("forum reports koa.2")).contains("#1 untriaged");

        assertThat(bot.exec("release alias koa.2 remove \"the koa release\"")).contains("Removed the alias");
        bot.forum.topic(2, "The koa release again", "joe", NOW, "", null);
        bot.clock.advance(Duration.ofMinutes(10));
        bot.tick();
        assertThat(bot.exec("forum reports koa.2")).doesNotContain("#2 ");
        assertThat(bot.exec("audit koa.2")).contains("release.alias").contains("release.alias-remove");
        assertThat(bot.exec("release alias koa.2 \" \"")).contains("An alias has 2 to 100 characters");
    }

    @Test
    void theNewReportPingsTheTriagerAtOnceWithAButtonPerPriority() {
        TestBot bot = bot();
        bot.forum.topic(4132, "koa.2 install fails", "jill", NOW, "mysql", null);
        bot.tick();

        Reply ping = bot.chat.toldTo("tina").get(0);
        assertThat(ping.title()).isEqualTo("New forum report #1 on koa.2: koa.2 install fails");
        assertThat(ping.actions()).extracting(Reply.Action::command).containsExactly("forum blocker koa.2 1 critical",
                "forum blocker koa.2 1 high", "forum blocker koa.2 1 medium", "forum blocker koa.2 1 low");
        assertThat(ping.actions()).allMatch(a -> a.intent() == Reply.Intent.FORUM_BLOCKER);
        assertThat(TextRenderer.render(ping)).contains("forum link koa.2 1 <blocker>").contains("forum dismiss koa.2 1 <reason>");
    }

    @Test
    void withoutATriagerTheReleaseManagerIsPinged() {
        TestBot bot = TestBot.builder(dir).watchingForum().build();
        bot.git.head("openedx/configuration", TestBot.sha('a'));
        bot.expectOk("release create koa.2 --branch open-release/koa.master --repos openedx/configuration");
        bot.forum.topic(1, "koa.2 fails", "jill", NOW, "", null);
        bot.tick();

        assertThat(TextRenderer.render(bot.chat.toldTo("ned").get(0))).contains("koa.2 has no triage holder, so the release manager is asked.");
    }
}
