package dev.btrbot.adapter.discourse;

import static dev.btrbot.adapter.discourse.ForumBed.JAN_26;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.btrbot.config.DiscourseConfig;
import dev.btrbot.core.port.ForumSource;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.ForumPost;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The anonymous reader against a fake forum that speaks Discourse's JSON, held to its schemas. */
class DiscourseForumTest {
    final ForumBed bed = new ForumBed();
    final FakeDiscourse forum = bed.forum;

    @AfterEach
    void close() {
        bed.close();
    }

    /** {@code count} topics of one post each, ids from {@code firstId}, a minute apart ending at {@code last}. */
    private void topics(long firstId, int count, Instant last) {
        for (int i = 0; i < count; i++) {
            long id = firstId + i;
            forum.topic(id, 1000 + id, "Topic " + id, "user" + (id % 7), last.minus(Duration.ofMinutes(count - 1 - i)),
                    "<p>Post " + id + "</p>", 5);
        }
    }

    @Test
    void aPollReadsTheNewestPageAndPagesBackWithBeforeToTheLastPostTaken() {
        topics(1, 120, JAN_26);

        List<ForumPost> posts = bed.discourse().source().postsAfter(15, JAN_26.minus(Duration.ofDays(30)));

        assertThat(posts).extracting(ForumPost::postId).as("every post after the cursor, oldest first")
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(16, 120).boxed().toList());
        assertThat(forum.received()).extracting(FakeDiscourse.Received::pathAndQuery)
                .as("pages of 50, back with before=<lowest id seen - 1>, stopping at the cursor")
                .containsExactly("/posts.json", "/posts.json?before=70", "/posts.json?before=20");
    }

    @Test
    void aPollWithNothingNewSendsOneRequest() {
        topics(1, 10, JAN_26);

        assertThat(bed.discourse().source().postsAfter(10, JAN_26.minus(Duration.ofDays(1)))).isEmpty();
        assertThat(forum.received()).hasSize(1);
    }

    @Test
    void aFirstPollReadsNoFurtherBackThanNotBefore() {
        topics(1, 200, JAN_26); // a minute apart: the last 60 are within the hour

        List<ForumPost> posts = bed.discourse().source().postsAfter(0, JAN_26.minus(Duration.ofMinutes(59)));

        assertThat(posts).extracting(ForumPost::postId).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(141, 200).boxed().toList());
        assertThat(forum.received()).as("the second page reaches an older post; no third").hasSize(2);
    }

    @Test
    void aPostBecomesAForumPostWithPlainTextAndItsLink() {
        forum.topic(7, 77, "Koa.2 <install> fails", "amir", JAN_26,
                "<p>Installing <strong>koa.2</strong> fails &amp; <a href=\"https://x\">tutor</a> says &lt;error&gt;&#8230;</p>"
                        + "<aside class=\"quote\"><blockquote>quoted text</blockquote></aside><script>alert(1)</script>", 12);

        ForumPost post = bed.discourse().source().postsAfter(0, JAN_26.minusSeconds(60)).get(0);

        assertThat(post.postId()).isEqualTo(7);
        assertThat(post.topicId()).isEqualTo(77);
        assertThat(post.opensTopic()).isTrue();
        assertThat(post.topicTitle()).isEqualTo("Koa.2 <install> fails");
        assertThat(post.author()).isEqualTo("amir");
        assertThat(post.createdAt()).isEqualTo(JAN_26);
        assertThat(post.categoryId()).isEqualTo(12);
        assertThat(post.excerpt()).as("no HTML reaches chat").isEqualTo("Installing koa.2 fails & tutor says <error>…");
        assertThat(post.url()).isEqualTo(URI.create(forum.url() + "/t/koa-2-install-fails/77/1"));
    }

    @Test
    void aLongPostIsClipped() {
        forum.topic(1, 11, "Long", "amir", JAN_26, "<p>" + "word ".repeat(400) + "</p>", 5);

        ForumPost post = bed.discourse().source().postsAfter(0, JAN_26.minusSeconds(60)).get(0);

        assertThat(post.excerpt()).hasSize(ForumPost.EXCERPT_LIMIT).endsWith("…");
    }

    @Test
    void theBotsOwnRepliesAreNotRead() {
        forum.topic(1, 11, "Koa.2 install", "amir", JAN_26.minusSeconds(60), "<p>broken</p>", 5);
        forum.reply(2, 11, ForumBed.BOT, JAN_26, "<p>Tracked as a blocker</p>");

        assertThat(bed.discourse().source().postsAfter(0, JAN_26.minusSeconds(600))).extracting(ForumPost::postId).containsExactly(1L);
    }

    @Test
    void newTopicsOfACategoryBeyondThePageBoundAreReadAsTheirOpeningPosts() {
        forum.category("working-groups/build-test-release", 30);
        // one new topic in the category, then more new posts elsewhere than a poll's pages reach
        forum.topic(1, 5001, "Koa.2 rc1 does not install", "amir", JAN_26.minus(Duration.ofHours(30)), "<p>pip fails</p>", 30);
        topics(2, DiscourseForum.MAX_PAGES * FakeDiscourse.PAGE + 10, JAN_26);

        ForumSource source = bed.discourse(new DiscourseConfig.Category("working-groups/build-test-release", 30)).source();
        List<ForumPost> posts = source.postsAfter(0, JAN_26.minus(Duration.ofDays(3)));

        assertThat(forum.received("GET", "/posts.json")).as("bounded").hasSize(DiscourseForum.MAX_PAGES);
        assertThat(forum.received("GET", "/c/working-groups/build-test-release/30.json")).hasSize(1);
        assertThat(forum.received("GET", "/t/")).extracting(FakeDiscourse.Received::pathAndQuery).containsExactly("/t/5001.json");
        assertThat(posts).filteredOn(p -> p.topicId() == 5001).singleElement().satisfies(p -> {
            assertThat(p.postId()).isEqualTo(1);
            assertThat(p.topicTitle()).isEqualTo("Koa.2 rc1 does not install");
            assertThat(p.author()).isEqualTo("amir");
            assertThat(p.categoryId()).isEqualTo(30);
            assertThat(p.url().toString()).endsWith("/t/koa-2-rc1-does-not-install/5001/1");
        });
    }

    @Test
    void aCategorysTopicsThePagesCoveredCostNoTopicRead() {
        forum.category("working-groups/build-test-release", 30);
        forum.topic(1, 5001, "Old topic", "amir", JAN_26.minus(Duration.ofDays(40)), "<p>old</p>", 30);
        forum.topic(2, 5002, "Koa.2 new topic", "amir", JAN_26.minusSeconds(30), "<p>new</p>", 30);

        List<ForumPost> posts = bed.discourse(new DiscourseConfig.Category("working-groups/build-test-release", 30)).source()
                .postsAfter(1, JAN_26.minus(Duration.ofDays(60)));

        assertThat(posts).extracting(ForumPost::postId).containsExactly(2L);
        assertThat(forum.received("GET", "/t/")).isEmpty();
    }

    @Test
    void aCategoryTheForumDoesNotHaveCostsNotThePostsRead() {
        topics(1, 3, JAN_26);

        List<ForumPost> posts = bed.discourse(new DiscourseConfig.Category("no-such-category", 99)).source()
                .postsAfter(0, JAN_26.minusSeconds(600));

        assertThat(posts).hasSize(3);
        assertThat(forum.received("GET", "/c/no-such-category/99.json")).hasSize(1);
    }

    @Test
    void aShort429IsWaitedOutAsItsRetryAfterAsks() {
        topics(1, 3, JAN_26);
        forum.answerNext(1, 429, "7");

        assertThat(bed.discourse().source().postsAfter(0, JAN_26.minusSeconds(600))).hasSize(3);
        assertThat(bed.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(forum.received()).hasSize(2);
    }

    @Test
    void aRetryAfterGivenAsAnHttpDateIsHonouredToo() {
        topics(1, 3, JAN_26);
        String in20s = DateTimeFormatter.RFC_1123_DATE_TIME.format(JAN_26.plusSeconds(20).atOffset(ZoneOffset.UTC));
        forum.answerNext(1, 429, in20s);

        assertThat(bed.discourse().source().postsAfter(0, JAN_26.minusSeconds(600))).hasSize(3);
        assertThat(bed.waits).containsExactly(Duration.ofSeconds(20));
    }

    @Test
    void aLong429IsUnavailableUntilItsTimeAndNothingIsSentMeanwhile() {
        topics(1, 3, JAN_26);
        forum.answerNext(1, 429, "3600");
        ForumSource source = bed.discourse().source();

        assertThatThrownBy(() -> source.postsAfter(0, JAN_26.minusSeconds(600))).isInstanceOf(Unavailable.class)
                .hasMessageContaining("429").hasMessageContaining(JAN_26.plusSeconds(3600).toString());
        assertThatThrownBy(() -> source.postsAfter(0, JAN_26.minusSeconds(600))).isInstanceOf(Unavailable.class);
        assertThat(forum.received()).as("the second poll sent nothing").hasSize(1);
        assertThat(bed.waits).isEmpty();

        bed.clock.advance(Duration.ofSeconds(3601));
        assertThat(source.postsAfter(0, JAN_26.minusSeconds(600))).hasSize(3);
    }

    @Test
    void aForumThatAnswers5xxIsUnavailable() {
        forum.answerNext(1, 502, null);

        assertThatThrownBy(() -> bed.discourse().source().postsAfter(0, JAN_26)).isInstanceOf(Unavailable.class)
                .hasMessageContaining("502").hasMessageContaining("GET /posts.json").hasMessageNotContaining("Exception");
    }

    @Test
    void aForumThatCannotBeReachedIsUnavailable() {
        DiscourseConfig config = new DiscourseConfig(URI.create("http://127.0.0.1:9"), Duration.ofMinutes(10), List.of(), java.util.Set.of(),
                null, null, null, null);

        assertThatThrownBy(() -> Discourse.connect(config, bed.clock).source().postsAfter(0, JAN_26)).isInstanceOf(Unavailable.class)
                .hasMessageContaining("could not be reached");
    }

    @Test
    void aBurstOfPollsStaysFarBelowDiscoursesLimits() {
        topics(1, 5, JAN_26);
        ForumSource source = bed.discourse().source();

        for (int i = 0; i < 80; i++) {
            source.postsAfter(5, JAN_26.minusSeconds(600));
        }

        assertThat(forum.received()).hasSize(80);
        assertThat(forum.refusedForLimits()).as("never refused").isZero();
        assertThat(forum.busiest(Duration.ofSeconds(10))).isLessThanOrEqualTo(PoliteLimits.PER_TEN_SECONDS);
        assertThat(forum.busiest(Duration.ofMinutes(1))).isLessThanOrEqualTo(PoliteLimits.PER_MINUTE);
        assertThat(bed.waits).as("paced by waiting, each wait short").isNotEmpty()
                .allMatch(w -> w.compareTo(Duration.ofSeconds(60)) <= 0);
        assertThat(Duration.between(JAN_26, bed.clock.instant())).as("80 requests: 60 in the first minute, the rest after it")
                .isBetween(Duration.ofSeconds(60), Duration.ofSeconds(80));
    }

    @Test
    void everyRequestNamesTheBotAndCarriesNoKey() {
        topics(1, 3, JAN_26);
        bed.discourse().source().postsAfter(0, JAN_26.minusSeconds(600));

        assertThat(forum.received()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.userAgent()).contains("btr-bot");
            assertThat(r.apiKey()).as("reading is anonymous").isNull();
        });
    }
}
