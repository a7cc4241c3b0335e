package dev.btrbot.core.jobs;

import dev.btrbot.core.Delivery;
import dev.btrbot.core.Outbox;
import dev.btrbot.core.PostKey;
import dev.btrbot.core.port.Store;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Release;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the bot says without being asked, done by {@link #tick()} for
 * the clock's current instant, by four jobs: {@link RoleOfferJob} (offers
 * reminded and expired), {@link TriagePingJob} (untriaged blockers),
 * {@link CandidateWatchJob} (testers of a replaced candidate, the tagger when
 * the gate opens) and {@link DailySummaryJob}; and, when a forum is watched,
 * {@link ForumPollJob} every poll interval.
 *
 * <p><b>Exactly once.</b> Every scheduled message has a {@link PostKey}
 * (release, kind, slot). A message is sent only by whoever inserted its key
 * into {@code scheduled_post}, in a write transaction that commits (with its
 * audit event, and for an expiry with the state change) before anything is
 * sent ({@link Delivery}). The primary key decides between threads, processes
 * on one SQLite file (write transactions take the lock at BEGIN) and replicas
 * on one PostgreSQL. So: claim, commit, then send. A crash after the send
 * cannot repeat it — the key is taken. The price is the other window: a crash
 * (or a chat outage) between the commit and the send loses that one message,
 * and the row stays with {@code sent_at} null, which shows what was lost
 * ({@code status} lists it). "Never twice" wins: a missing summary is noticed
 * and can be posted with {@code summary <release>}, a duplicated one cannot be
 * undone.
 *
 * <p>Each release is handled on its own, and each job on its own: a failure
 * (a repository that cannot be read, a chat error) is logged and the rest of
 * the tick goes on.
 */
public final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final Store store;
    private final Clock clock;
    private final RoleOfferJob roleOffers;
    private final TriagePingJob triage;
    private final CandidateWatchJob candidateWatch;
    private final DailySummaryJob summaries;
    private final ForumPollJob forumPoll;
    private final NotesDraftJob notesDrafts;

    public Scheduler(Store store, Clock clock, RoleOfferJob roleOffers, TriagePingJob triage, CandidateWatchJob candidateWatch,
                     DailySummaryJob summaries) {
        this(store, clock, roleOffers, triage, candidateWatch, summaries, null, null);
    }

    /**
     * @param forumPoll   polls the forum when due; null when no forum is watched
     * @param notesDrafts sends the notes-reviewer the draft of a candidate's notes once it has a pass; null: not sent
     */
    public Scheduler(Store store, Clock clock, RoleOfferJob roleOffers, TriagePingJob triage, CandidateWatchJob candidateWatch,
                     DailySummaryJob summaries, ForumPollJob forumPoll, NotesDraftJob notesDrafts) {
        this.notesDrafts = notesDrafts;
        this.store = store;
        this.clock = clock;
        this.roleOffers = roleOffers;
        this.triage = triage;
        this.candidateWatch = candidateWatch;
        this.summaries = summaries;
        this.forumPoll = forumPoll;
    }

    /** What one tick sent, one line per message, for the log and the console. */
    public record Tick(Instant at, List<String> sent) {
        public Tick {
            sent = List.copyOf(sent);
        }
    }

    /** Does everything due at the clock's instant; never throws for one release's trouble. */
    public Tick tick() {
        Instant now = clock.instant();
        List<String> sent = new ArrayList<>();
        if (forumPoll != null) {
            // first, so that a report found now is pinged in this tick, not the next
            try {
                forumPoll.runIfDue(now, sent);
            } catch (RuntimeException e) {
                LOG.error("scheduler: polling the forum failed", e);
            }
        }
        List<Release> active = store.read(tx -> tx.releases().all()).stream().filter(r -> r.state().isActive()).toList();
        List<TriagePingJob.Ping> pings = new ArrayList<>();
        for (Release release : active) {
            guarded(release, "role offers", () -> roleOffers.run(release.name(), now, sent));
            guarded(release, "triage", () -> pings.addAll(triage.claim(release.name(), now)));
            guarded(release, "candidate watch", () -> candidateWatch.run(release, now, sent));
            guarded(release, "daily summary", () -> summaries.run(release, now, sent));
            if (notesDrafts != null) {
                guarded(release, "notes draft", () -> notesDrafts.run(release, now, sent));
            }
        }
        try {
            triage.send(pings, sent);
        } catch (RuntimeException e) {
            LOG.error("scheduler: sending the triage pings failed", e);
        }
        return new Tick(now, sent);
    }

    /** For a ScheduledExecutorService: a tick that logs instead of throwing (a thrown task is never run again). */
    public void tickQuietly() {
        try {
            Tick t = tick();
            t.sent().forEach(line -> LOG.info("scheduled: {}", line));
        } catch (RuntimeException e) {
            LOG.error("scheduler tick failed; the next tick tries again", e);
        }
    }

    private static void guarded(Release release, String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("scheduler: {} of {} failed", what, release.name(), e);
        }
    }

    /** One line per delivered message: its release (when it is about one), whom it went to, its title. */
    static void report(List<Outbox.Message> delivered, List<String> sent) {
        for (Outbox.Message m : delivered) {
            Set<String> releases = m.keys().stream().map(k -> k.release().value()).collect(Collectors.toSet());
            String about = releases.size() == 1 ? releases.iterator().next() + ": " : "";
            sent.add(about + (m.member() != null ? "to " + m.member() : "post") + ": " + m.reply().title());
        }
    }

    static String names(List<MemberId> members) {
        return members.isEmpty() ? "nobody" : String.join(", ", members.stream().map(MemberId::value).toList());
    }
}
