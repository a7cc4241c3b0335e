package dev.btrbot.core.jobs;

import dev.btrbot.core.ForumWatch;
import dev.btrbot.core.port.ForumRepo;
import dev.btrbot.core.port.ForumSource;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.Unavailable;
import dev.btrbot.domain.ForumPost;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the forum every poll interval, from the leader's scheduler tick (or now, by {@code forum poll}). It reads the
 * posts after the stored cursor (a first poll reads back no further than {@link #FIRST_LOOK_BACK}), hands them to the
 * forum watch and moves the cursor to the highest post id, in the same transaction as the reports: no report is made
 * twice across restarts, and a replica that takes over resumes where the last poll ended. A forum that cannot be read
 * is recorded (unreachable since, why) and the cursor stays.
 */
public final class ForumPollJob {
    /** How far back a first poll reads, and the oldest post any poll asks for. */
    public static final Duration FIRST_LOOK_BACK = Duration.ofDays(7);
    private static final Logger LOG = LoggerFactory.getLogger(ForumPollJob.class);

    private final ForumSource source;
    private final Store store;
    private final Clock clock;
    private final ForumWatch watch;
    private final Duration interval;

    /** @param source the forum; null when none is watched */
    public ForumPollJob(ForumSource source, Store store, Clock clock, ForumWatch watch, Duration interval) {
        this.source = source;
        this.store = store;
        this.clock = clock;
        this.watch = watch;
        this.interval = interval;
    }

    /** Whether a forum is watched at all. */
    public boolean configured() {
        return source != null;
    }

    /**
     * What one poll did.
     *
     * @param error why the forum could not be read; null when it was
     */
    public record Poll(int posts, int taken, List<dev.btrbot.domain.ForumReport> newReports, int replies, long cursor, String error) {
        public Poll {
            newReports = List.copyOf(newReports);
        }
    }

    /** Polls when the last poll is an interval old (or there was none); a tick's part, so it never throws for the forum. */
    void runIfDue(Instant now, List<String> sent) {
        if (source == null) {
            return;
        }
        ForumRepo.Cursor cursor = store.read(tx -> tx.forum().cursor());
        if (cursor.attemptedAt() != null && now.isBefore(cursor.attemptedAt().plus(interval))) {
            return;
        }
        Poll poll = pollNow();
        if (poll.error() == null && !poll.newReports().isEmpty()) {
            sent.add("forum: " + poll.newReports().size() + " new report(s)");
        }
    }

    /** One poll now. */
    public Poll pollNow() {
        if (source == null) {
            throw new IllegalStateException("no forum is watched");
        }
        Instant now = clock.instant();
        long after = store.read(tx -> tx.forum().cursor()).lastPostId();
        List<ForumPost> posts;
        try {
            posts = source.postsAfter(after, now.minus(FIRST_LOOK_BACK));
        } catch (Unavailable e) {
            LOG.warn("forum: could not poll: {}", e.getMessage());
            store.write(tx -> {
                tx.forum().failed(now, e.getMessage());
                return null;
            });
            return new Poll(0, 0, List.of(), 0, after, e.getMessage());
        }
        long highest = posts.stream().mapToLong(ForumPost::postId).max().orElse(after);
        ForumWatch.Taken taken = store.write(tx -> {
            ForumWatch.Taken t = watch.take(tx, posts, now);
            tx.forum().advance(highest, now);
            return t;
        });
        watch.announce(taken);
        return new Poll(posts.size(), taken.posts(), taken.newReports(), taken.replies(), Math.max(after, highest), null);
    }
}
