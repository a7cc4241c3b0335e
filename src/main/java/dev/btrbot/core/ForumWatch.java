package dev.btrbot.core;

import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.StoreTx;
import dev.btrbot.domain.ForumMatching;
import dev.btrbot.domain.ForumPost;
import dev.btrbot.domain.ForumReport;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Priority;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RoleName;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns forum posts into forum reports. A post that names an active release ({@link ForumMatching}) opens a report
 * on that release, or, when its thread has one already, counts as a reply to it. A post taken once (by polling or by
 * webhook, by any replica) is never taken again. A new report pings the release's triage holder at once (the
 * release manager when nobody holds triage) with buttons to make it a blocker, and the commands to link or dismiss it;
 * the ping's key is claimed in the transaction that made the report, and sent after it committed.
 */
public final class ForumWatch implements ForumIntake {
    private final Store store;
    private final Clock clock;
    private final Delivery delivery;
    private final Rights rights;
    private final Set<Integer> installCategories;

    public ForumWatch(Store store, Clock clock, Delivery delivery, Rights rights, Set<Integer> installCategories) {
        this.store = store;
        this.clock = clock;
        this.delivery = delivery;
        this.rights = rights;
        this.installCategories = Set.copyOf(installCategories);
    }

    /** What one intake did: the posts that made or joined a report, the new reports, and their pings (claimed, not sent). */
    public record Taken(int posts, List<ForumReport> newReports, int replies, Outbox pings) {
        public Taken {
            newReports = List.copyOf(newReports);
        }
    }

    @Override
    public int receive(List<ForumPost> posts) {
        Instant now = clock.instant();
        Taken taken = store.write(tx -> take(tx, posts, now));
        announce(taken);
        return taken.posts();
    }

    /**
     * Takes the posts inside the caller's transaction (the poll's, which also moves the cursor). Nothing is sent:
     * {@link #announce} sends the pings once that transaction committed.
     */
    public Taken take(StoreTx tx, List<ForumPost> posts, Instant now) {
        List<ForumMatching.Watched> watched = new ArrayList<>();
        for (Release r : tx.releases().all()) {
            if (r.state().isActive()) {
                watched.add(new ForumMatching.Watched(r, tx.forum().aliases(r.name())));
            }
        }
        ForumMatching matching = new ForumMatching(watched, installCategories);
        List<ForumReport> made = new ArrayList<>();
        int taken = 0;
        int replies = 0;
        List<ForumPost> ordered = posts.stream().sorted(Comparator.comparingLong(ForumPost::postId)).toList();
        for (ForumPost post : ordered) {
            if (tx.forum().seen(post.postId())) {
                continue;
            }
            Set<ReleaseName> about = new LinkedHashSet<>(matching.releasesOf(post));
            // a later post in a reported thread joins its report, whether or not it names the release again
            for (ForumMatching.Watched w : watched) {
                if (tx.forum().reportOfTopic(w.release().name(), post.topicId()).isPresent()) {
                    about.add(w.release().name());
                }
            }
            boolean counted = false;
            for (ReleaseName release : about) {
                ForumReport known = tx.forum().reportOfTopic(release, post.topicId()).orElse(null);
                if (known == null) {
                    ForumReport report = tx.forum().addReport(release, post, now);
                    tx.forum().markSeen(post.postId(), release, report.number());
                    tx.audit().record(now, Recovery.BOT, release, "forum.report", "#" + report.number() + " " + post.url()
                            + " — " + post.topicTitle() + " (by " + post.author() + ")");
                    made.add(report);
                } else {
                    tx.forum().addReply(release, known.number(), post.createdAt(), post.author());
                    tx.forum().markSeen(post.postId(), release, known.number());
                    replies++;
                }
                counted = true;
            }
            if (counted) {
                taken++;
            }
        }
        Outbox pings = new Outbox();
        for (ForumReport report : made) {
            PostKey key = new PostKey(report.release(), PostKey.Kind.FORUM_REPORT, report.number());
            if (!delivery.claim(tx, key, now)) {
                continue;
            }
            Release release = tx.releases().named(report.release().value());
            List<MemberId> triagers = Rights.holders(tx, release.name(), RoleName.TRIAGE);
            List<MemberId> to = triagers.isEmpty() ? Rotator.managers(tx, new Call(Recovery.BOT, now, rights), release) : triagers;
            Reply ping = ping(report, triagers.isEmpty());
            to.forEach(m -> pings.tell(m, ping, key));
        }
        return new Taken(taken, made, replies, pings);
    }

    /** Sends the pings of an intake whose transaction committed. */
    public void announce(Taken taken) {
        delivery.send(taken.pings());
    }

    /** The message a new report sends its triager, with a button per priority. */
    static Reply ping(ForumReport r, boolean noTriager) {
        String ref = r.release() + " " + r.number();
        Reply.Builder b = Reply.builder("New forum report #" + r.number() + " on " + r.release() + ": " + r.title());
        List<String> lines = new ArrayList<>();
        lines.add(r.url() + " — by " + r.author() + ", " + dev.btrbot.domain.Text.time(r.createdAt()));
        if (!r.excerpt().isEmpty()) {
            lines.add("“" + r.excerpt() + "”");
        }
        if (noTriager) {
            lines.add(r.release() + " has no triage holder, so the release manager is asked.");
        }
        lines.add("Make it a blocker: forum blocker " + ref + " critical|high|medium|low");
        lines.add("Or link it to a blocker: forum link " + ref + " <blocker> · dismiss it: forum dismiss " + ref + " <reason>");
        lines.add("Until then it blocks the release like an untriaged blocker.");
        b.section("", lines);
        for (Priority p : Priority.values()) {
            b.action(new Reply.Action(Reply.Intent.FORUM_BLOCKER, "Blocker: " + p.label(), "forum blocker " + ref + " " + p.label(),
                    null));
        }
        return b.build();
    }
}
