package dev.btrbot.adapter.discourse;

import static dev.btrbot.adapter.discourse.ForumBed.JAN_26;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.btrbot.config.DiscourseConfig;
import dev.btrbot.core.port.ForumReplies;
import dev.btrbot.core.port.Unavailable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Replies on the forum with the bot's key, against the fake forum (the new post checked against Discourse's schemas). */
class DiscourseRepliesTest {
    final ForumBed bed = new ForumBed();

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void aReplyIsPostedWithTheKeyAndAnswersItsLink() {
        bed.forum.apiKey(ForumBed.KEY, ForumBed.BOT);
        bed.forum.topic(4021, 312, "Koa.2 does not install", "amir", JAN_26, "<p>broken</p>", 12);

        URI link = bed.discourse().replies().orElseThrow().reply(312, "Tracked as a koa.2 blocker: https://github.com/openedx/x/issues/7");

        assertThat(link).isEqualTo(URI.create(bed.forum.url() + "/t/koa-2-does-not-install/312/2"));
        FakeDiscourse.Received post = bed.forum.received("POST", "/posts.json").get(0);
        assertThat(post.apiKey()).isEqualTo(ForumBed.KEY);
        assertThat(post.apiUsername()).isEqualTo(ForumBed.BOT);
        assertThat(post.body()).contains("\"topic_id\":312").contains("koa.2 blocker");
    }

    @Test
    void aRefusedKeyIsUnavailableAndTheKeyIsNeverInAMessageOrALog() {
        bed.forum.apiKey("another-key", ForumBed.BOT);
        bed.forum.topic(4021, 312, "Koa.2 does not install", "amir", JAN_26, "<p>broken</p>", 12);
        ForumReplies replies = bed.discourse().replies().orElseThrow();
        PrintStream err = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        Throwable thrown;
        try {
            thrown = org.assertj.core.api.Assertions.catchThrowable(() -> replies.reply(312, "on it"));
        } finally {
            System.setErr(err);
        }

        assertThat(thrown).isInstanceOf(Unavailable.class).hasMessageContaining("403").hasMessageContaining("POST /posts.json")
                .hasMessageNotContaining(ForumBed.KEY);
        assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain(ForumBed.KEY);
        assertThat(replies.toString()).doesNotContain(ForumBed.KEY);
    }

    @Test
    void withoutAKeyThereAreNoReplies() {
        DiscourseConfig config = new DiscourseConfig(bed.forum.url(), Duration.ofMinutes(10), List.of(), Set.of(), null, null, null, null);

        assertThat(Discourse.connect(config, bed.clock).replies()).isEmpty();
    }

    @Test
    void aReplyToATopicTheForumDoesNotHaveIsUnavailableWithTheForumsReason() {
        bed.forum.apiKey(ForumBed.KEY, ForumBed.BOT);

        assertThatThrownBy(() -> bed.discourse().replies().orElseThrow().reply(999, "on it")).isInstanceOf(Unavailable.class)
                .hasMessageContaining("422").hasMessageContaining("Topic not found");
    }
}
