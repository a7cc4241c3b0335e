package dev.btrbot.adapter.discourse;

import dev.btrbot.config.DiscourseConfig;
import dev.btrbot.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake forum and the real adapter on one clock: every wait the adapter makes is recorded and moves the clock instead
 * of sleeping, so a test checks the waits themselves.
 */
final class ForumBed implements AutoCloseable {
    static final Instant JAN_26 = Instant.parse("2026-01-26T10:00:00Z");
    static final String KEY = "discourse-api-key-0123456789abcdef";
    static final String BOT = "btr-bot";
    static final String SECRET = "webhook-secret-of-the-forum";

    final MutableClock clock = new MutableClock(JAN_26);
    final FakeDiscourse forum = new FakeDiscourse(clock);
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    Discourse discourse(DiscourseConfig.Category... categories) {
        DiscourseConfig config = new DiscourseConfig(forum.url(), Duration.ofMinutes(10), List.of(categories), Set.of(), SECRET, KEY, BOT, null);
        return Discourse.connect(config, clock, d -> {
            waits.add(d);
            clock.advance(d);
        });
    }

    @Override
    public void close() {
        forum.close();
    }
}
