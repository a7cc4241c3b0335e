package dev.btrbot.core;

import dev.btrbot.core.commands.Rotator;
import dev.btrbot.core.commands.Summary;
import dev.btrbot.core.port.StoreTx;
import dev.btrbot.domain.Assignment;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.CandidateDiff;
import dev.btrbot.domain.Deadlines;
import dev.btrbot.domain.GateDecision;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseSchedule;
import dev.btrbot.domain.RoleName;
import dev.btrbot.domain.SignOff;
import dev.btrbot.domain.SummarySchedule;
import dev.btrbot.domain.TriageSla;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the bot says without being asked, done by {@link #tick()} for
 * the clock's current instant: role offers reminded halfway and expired at
 * their deadline (the role moving on to the next pool member), untriaged
 * blockers pinged past the triage SLA and again past twice it (all of a
 * tick's pings to one member in one message, however many blockers and
 * releases they cover), testers told
 * to test again when the candidate they signed off was replaced, the tagger
 * told when the gate opens, and each active release's daily summary.
 *
 * <p><b>Exactly once.</b> Every scheduled message has a key (release, kind,
 * slot) — {@code summary}/local date, {@code role-reminder} and
 * {@code role-expiry}/assignment id, {@code triage-1x} and
 * {@code triage-2x}/blocker number, {@code candidate-change} and
 * {@code gate-open}/candidate id. A message is sent only by whoever inserted
 * its key into {@code scheduled_post}, in a write transaction that commits
 * (with its audit event, and for an expiry with the state change) before
 * anything is sent. The primary key decides between threads, processes on
 * one SQLite file (write transactions take the lock at BEGIN) and replicas on
 * one PostgreSQL. So: claim, commit, then send. A crash after the send cannot
 * repeat it — the key is taken. The price is the other window: a crash (or a
 * chat outage) between the commit and the send loses that one message, and
 * the row stays with {@code sent_at} null, which shows what was lost. The
 * issue asks for "never twice"; a missing summary is noticed and can be
 * posted with {@code summary <release>}, a duplicated one cannot be undone.
 *
 * <p>Each release is handled on its own, and each part on its own: a failure
 * (a repository that cannot be read, a chat error) is logged and the rest of
 * the tick goes on.
 */
public final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    static final String SUMMARY = "summary";
    static final String ROLE_REMINDER = "role-reminder";
    static final String ROLE_EXPIRY = "role-expiry";
    static final String TRIAGE_1X = "triage-1x";
    static final String TRIAGE_2X = "triage-2x";
    static final String CANDIDATE_CHANGE = "candidate-change";
    static final String GATE_OPEN = "gate-open";

    private final Services services;
    private final Readiness readiness;
    private final Call call;

    public Scheduler(Services services) {
        this.services = services;
        this.readiness = new Readiness(services);
        this.call = new Call(new Invocation(Recovery.BOT, "scheduler", "tick"), services, new Rights(services.settings()));
    }

    /** What one tick sent, one line per message, for the log and the console. */
    public record Tick(Instant at, List<String> sent) {
        public Tick {
            sent = List.copyOf(sent);
        }
    }

    /** Does everything due at the clock's instant; never throws for one release's trouble. */
    public Tick tick() {
        Instant now = services.clock().instant();
        List<String> sent = new ArrayList<>();
        List<Release> active = services.store().read(tx -> tx.releases().all()).stream().filter(r -> r.state().isActive()).toList();
        List<Ping> pings = new ArrayList<>();
        for (Release release : active) {
            guarded(release, "role offers", () -> roleOffers(release.name(), now, sent));
            guarded(release, "triage", () -> triage(release.name(), now, pings));
            guarded(release, "candidate watch", () -> watch(release, now, sent));
            guarded(release, "daily summary", () -> summary(release, now, sent));
        }
        try {
            sendPings(pings, sent);
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

    private boolean claim(StoreTx tx, ReleaseName release, String kind, String slot, Instant now) {
        return tx.scheduledPosts().claim(release, kind, slot, services.processId(), now);
    }

    /** Sends after the claims committed; marks sent what the platform took. */
    private void send(ReleaseName release, Outbox outbox, List<String> sent) {
        List<Outbox.Message> messages = outbox.messages();
        List<Outbox.Message> failed = outbox.deliver(services.chat());
        Set<String> delivered = new LinkedHashSet<>();
        for (Outbox.Message m : messages) {
            if (!failed.contains(m)) {
                sent.add(release + ": " + (m.member() != null ? "to " + m.member() : "post") + ": " + m.reply().title());
                if (m.key() != null) {
                    delivered.add(m.key());
                }
            }
        }
        failed.stream().map(Outbox.Message::key).filter(k -> k != null).forEach(delivered::remove);
        if (!delivered.isEmpty()) {
            Instant at = services.clock().instant();
            services.store().write(tx -> {
                for (String key : delivered) {
                    String[] kindSlot = key.split("/", 2);
                    tx.scheduledPosts().markSent(release, kindSlot[0], kindSlot[1], at);
                }
                return null;
            });
        }
    }

    private static String key(String kind, Object slot) {
        return kind + "/" + slot;
    }

    private void roleOffers(ReleaseName name, Instant now, List<String> sent) {
        Outbox outbox = new Outbox();
        services.store().write(tx -> {
            Release release = Call.release(tx, name.value());
            for (Assignment a : tx.roles().assignments(name)) {
                if (a.state() != Assignment.State.PROPOSED) {
                    continue;
                }
                if (Deadlines.expired(a.deadline(), now)) {
                    if (!claim(tx, name, ROLE_EXPIRY, Long.toString(a.id()), now)) {
                        continue;
                    }
                    tx.roles().setState(a.id(), Assignment.State.EXPIRED, now);
                    call.audit(tx, name, "role.expire", a.role() + ": " + a.member() + " did not answer by " + a.deadline());
                    outbox.tell(a.member(), Reply.text("Your offer of " + a.role() + " for " + name + " expired",
                            "Nobody answered by " + Rotator.when(a.deadline()) + ", so it went to the next member of the pool."),
                            key(ROLE_EXPIRY, a.id()));
                    Rotator.moveOn(tx, call, release, a, a.member() + " did not answer the offer of " + a.role() + " for " + name
                            + " by " + Rotator.when(a.deadline()), outbox);
                } else if (Deadlines.reminderDue(a.at(), a.deadline(), now)) {
                    if (claim(tx, name, ROLE_REMINDER, Long.toString(a.id()), now)) {
                        call.audit(tx, name, "role.remind", a.role() + ": reminded " + a.member() + " (deadline " + a.deadline() + ")");
                        outbox.tell(a.member(), Rotator.prompt(release, a, true), key(ROLE_REMINDER, a.id()));
                    }
                }
            }
            return null;
        });
        send(name, outbox, sent);
    }

    /**
     * One untriaged blocker to tell one member about, claimed in its release's
     * transaction; all of a tick's pings to a member go out as one message.
     */
    private record Ping(MemberId to, ReleaseName release, Blocker blocker, long hours, boolean twice, String context, String fix,
                        String kind) {
        String slot() {
            return Integer.toString(blocker.number());
        }
    }

    /** The most blockers one triage message lists per release; the rest are counted. */
    static final int PINGS_LISTED = 20;

    private void triage(ReleaseName name, Instant now, List<Ping> pings) {
        Duration sla = services.settings().triageSla();
        List<Ping> claimed = new ArrayList<>();
        services.store().write(tx -> {
            Release release = Call.release(tx, name.value());
            ReleaseSchedule schedule = tx.schedules().of(name);
            List<MemberId> triagers = Rights.holders(tx, name, RoleName.TRIAGE);
            List<MemberId> managers = Rotator.managers(tx, call, release);
            for (Blocker b : tx.blockers().forRelease(name)) {
                TriageSla.Level level = TriageSla.level(b, schedule.zone(), sla, now);
                if (level == TriageSla.Level.WITHIN) {
                    continue;
                }
                String slot = Integer.toString(b.number());
                // past twice the SLA the first ping is superseded: claim it too, so it never follows the second
                boolean first = claim(tx, name, TRIAGE_1X, slot, now);
                boolean second = level == TriageSla.Level.TWICE_OVERDUE && claim(tx, name, TRIAGE_2X, slot, now);
                if (!first && !second) {
                    continue;
                }
                long hours = Duration.between(TriageSla.since(b, schedule.zone()), now).toHours();
                String fix = "Set its priority: blocker priority " + name + " " + b.number() + " critical|high|medium|low";
                Set<MemberId> to = new LinkedHashSet<>(triagers.isEmpty() || second ? managers : List.of());
                to.addAll(triagers);
                String context = second ? "triage: " + names(triagers) + " · release manager: " + names(managers)
                        : triagers.isEmpty() ? name + " has no triage holder, so the release manager is asked." : null;
                to.forEach(m -> claimed.add(new Ping(m, name, b, hours, second, context, fix, second ? TRIAGE_2X : TRIAGE_1X)));
                call.audit(tx, name, "triage.ping", "#" + b.number() + " untriaged " + hours + " h: pinged "
                        + names(List.copyOf(to)) + (second ? " (2× SLA)" : ""));
            }
            return null;
        });
        pings.addAll(claimed);   // only once the claims committed
    }

    /**
     * Sends the tick's triage pings, one message per member however many
     * blockers and releases they cover; a claim is marked sent when every
     * message carrying it was delivered.
     */
    private void sendPings(List<Ping> pings, List<String> sent) {
        Map<MemberId, List<Ping>> byMember = new LinkedHashMap<>();
        pings.forEach(p -> byMember.computeIfAbsent(p.to(), m -> new ArrayList<>()).add(p));
        Outbox outbox = new Outbox();
        Map<Outbox.Message, List<Ping>> carried = new LinkedHashMap<>();
        byMember.forEach((member, theirs) -> {
            outbox.tell(member, pingMessage(theirs));
            carried.put(outbox.messages().get(outbox.messages().size() - 1), theirs);
        });
        List<Outbox.Message> failed = outbox.deliver(services.chat());
        Map<List<Object>, Boolean> delivered = new LinkedHashMap<>();
        carried.forEach((message, theirs) -> {
            boolean ok = !failed.contains(message);
            if (ok) {
                sent.add("to " + message.member() + ": " + message.reply().title());
            }
            theirs.forEach(p -> delivered.merge(List.of(p.release(), p.kind(), p.slot()), ok, Boolean::logicalAnd));
        });
        Instant at = services.clock().instant();
        List<List<Object>> done = delivered.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        if (!done.isEmpty()) {
            services.store().write(tx -> {
                done.forEach(k -> tx.scheduledPosts().markSent((ReleaseName) k.get(0), (String) k.get(1), (String) k.get(2), at));
                return null;
            });
        }
    }

    private Reply pingMessage(List<Ping> pings) {
        String sla = hours(services.settings().triageSla());
        if (pings.size() == 1) {
            Ping p = pings.get(0);
            Blocker b = p.blocker();
            String title = p.twice()
                    ? "Blocker #" + b.number() + " of " + p.release() + " is still untriaged after " + p.hours() + " h (twice the " + sla
                    + " triage SLA)"
                    : "Blocker #" + b.number() + " of " + p.release() + " is untriaged after " + p.hours() + " h (triage SLA " + sla + ")";
            List<String> lines = new ArrayList<>(List.of(b.title() + " — " + b.url()));
            if (p.context() != null) {
                lines.add(p.context());
            }
            lines.add(p.fix());
            if (!p.twice() && p.context() == null) {
                lines.add("It blocks the release until it has a priority.");
            }
            return Reply.text(title, lines.toArray(String[]::new));
        }
        Reply.Builder message = Reply.builder(pings.size() + " untriaged blockers are past the " + sla + " triage SLA");
        Map<ReleaseName, List<Ping>> byRelease = new LinkedHashMap<>();
        pings.forEach(p -> byRelease.computeIfAbsent(p.release(), r -> new ArrayList<>()).add(p));
        byRelease.forEach((release, theirs) -> {
            List<String> lines = new ArrayList<>();
            theirs.stream().limit(PINGS_LISTED).forEach(p -> lines.add("#" + p.blocker().number() + " (" + p.hours() + " h"
                    + (p.twice() ? ", twice the SLA" : "") + ") " + p.blocker().title() + " — " + p.blocker().url()));
            if (theirs.size() > PINGS_LISTED) {
                lines.add("… and " + (theirs.size() - PINGS_LISTED) + " more: 'blockers " + release + "' lists them.");
            }
            theirs.stream().map(Ping::context).filter(c -> c != null).distinct().forEach(lines::add);
            lines.add("Set each one's priority: blocker priority " + release + " <number> critical|high|medium|low");
            message.section(release.value(), lines);
        });
        return message.line("", "They block their releases until they have a priority.").build();
    }

    /** Reads the branch heads: a new candidate nudges the testers of older ones; an open gate tells the tagger. */
    private void watch(Release release, Instant now, List<String> sent) {
        ReleaseName name = release.name();
        if (release.repos().isEmpty()) {
            return;
        }
        Candidate current;
        try {
            current = readiness.observe(release, Recovery.BOT);
        } catch (Refusal e) {
            return; // the summary and status report why the heads cannot be read
        }
        Outbox outbox = new Outbox();
        services.store().write(tx -> {
            Map<MemberId, SignOff> latest = new LinkedHashMap<>();
            tx.signOffs().forRelease(name).forEach(s -> latest.merge(s.member(), s, (x, y) -> y.at().isAfter(x.at()) ? y : x));
            List<SignOff> outdated = latest.values().stream().filter(s -> !s.isOn(current)).toList();
            if (outdated.isEmpty() || !claim(tx, name, CANDIDATE_CHANGE, current.id(), now)) {
                return null;
            }
            // buttons only where a tester can have installed the candidate: no rc yet, or an rc marks it
            boolean signable = dev.btrbot.domain.ReleaseCandidates.signable(tx.tagRuns().forRelease(name), current.id());
            for (SignOff s : outdated) {
                Optional<Candidate> old = tx.candidates().find(name, s.candidateId());
                List<String> lines = new ArrayList<>();
                lines.add("You signed off " + s.verdict().label() + " on candidate " + s.candidateId().substring(0, 10)
                        + (s.rcTag() == null ? "" : " (" + s.rcTag() + ")") + "; that sign-off no longer counts. What changed:");
                old.map(o -> CandidateDiff.lines(o, current)).orElse(List.of("(the old candidate is not on record)"))
                        .forEach(l -> lines.add("• " + l));
                lines.add("Please install the new candidate and sign off again (the tagger can push an rc: candidate tag " + name + ").");
                Reply.Builder nudge = Reply.builder(name + ": the candidate changed to " + current.shortId() + " — please test again")
                        .section("", lines);
                if (signable) {
                    nudge.action("signoff-pass", "Passed install", name + "|" + current.id(), "signoff " + name + " pass --candidate " + current.shortId())
                            .action("signoff-fail", "Failed install", name + "|" + current.id(), "signoff " + name + " fail --candidate " + current.shortId());
                }
                outbox.tell(s.member(), nudge.build(), key(CANDIDATE_CHANGE, current.id()));
            }
            call.audit(tx, name, "signoff.nudge", "candidate " + current.shortId() + ": asked "
                    + names(outdated.stream().map(SignOff::member).toList()) + " to test again");
            return null;
        });
        send(name, outbox, sent);
        gateOpen(release, current, now, sent);
    }

    private void gateOpen(Release release, Candidate current, Instant now, List<String> sent) {
        ReleaseName name = release.name();
        // cheap first: the gate over the store alone (no backport fetch, no CI checks read: those are left to the full
        // assessment, so the pre-check does not judge them); only when that is open, the full assessment
        GateDecision cheap = services.store().read(tx -> {
            if (tx.scheduledPosts().claimed(name, GATE_OPEN, current.id())) {
                return null;
            }
            Release stored = Call.release(tx, name.value());
            Release withoutChecks = stored.withPolicy(stored.policy().with("required-checks", "none"));
            return readiness.assemble(tx, withoutChecks, current, null, List.of(), null, List.of(), null).gate();
        });
        if (cheap == null || !cheap.open()) {
            return;
        }
        Assessment full = readiness.assess(name, Recovery.BOT, null);
        if (!full.gate().open() || full.candidate() == null || !full.candidate().id().equals(current.id())) {
            return;
        }
        Outbox outbox = new Outbox();
        services.store().write(tx -> {
            if (!claim(tx, name, GATE_OPEN, current.id(), now)) {
                return null;
            }
            List<MemberId> taggers = Rights.holders(tx, name, RoleName.TAGGER);
            List<MemberId> to = taggers.isEmpty() ? Rotator.managers(tx, call, full.release()) : taggers;
            Reply notice = Reply.text("The gate of " + name + " is open on candidate " + current.shortId(),
                    "Every condition holds: sign-offs, blockers, backports, holds.",
                    "Tag it with: tag " + name + " --confirm" + (taggers.isEmpty() ? " (" + name + " has no tagger yet)" : ""));
            to.forEach(m -> outbox.tell(m, notice, key(GATE_OPEN, current.id())));
            call.audit(tx, name, "gate.notice", "gate open on candidate " + current.shortId() + ": told " + names(to));
            return null;
        });
        send(name, outbox, sent);
    }

    private void summary(Release release, Instant now, List<String> sent) {
        ReleaseName name = release.name();
        ReleaseSchedule schedule = services.store().read(tx -> tx.schedules().of(name));
        Optional<SummarySchedule.Slot> slot = SummarySchedule.slotFor(schedule, now);
        if (slot.isEmpty() || services.store().read(tx -> tx.scheduledPosts().claimed(name, SUMMARY, slot.get().key()))) {
            return;
        }
        Assessment a = readiness.assess(name, Recovery.BOT, null);
        Reply summary = Summary.compose(a, schedule, services.settings().triageSla(), now,
                services.settings().releasePage(name).orElse(null));
        Outbox outbox = new Outbox();
        services.store().write(tx -> {
            if (claim(tx, name, SUMMARY, slot.get().key(), now)) {
                call.audit(tx, name, "summary.post", "daily summary for " + slot.get().day() + " (due " + slot.get().due() + ") to "
                        + (release.channel() == null ? "the default channel" : release.channel()));
                outbox.post(release.channel(), summary);
            }
            return null;
        });
        List<Outbox.Message> messages = outbox.messages();
        boolean ok = outbox.deliver(services.chat()).isEmpty();
        if (!messages.isEmpty() && ok) {
            sent.add(name + ": post: " + summary.title());
            services.store().write(tx -> {
                tx.scheduledPosts().markSent(name, SUMMARY, slot.get().key(), services.clock().instant());
                return null;
            });
        }
    }

    private static String names(List<MemberId> members) {
        return members.isEmpty() ? "nobody" : String.join(", ", members.stream().map(MemberId::value).toList());
    }

    private static String hours(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
