package dev.btrbot.core.jobs;

import dev.btrbot.core.Call;
import dev.btrbot.core.Delivery;
import dev.btrbot.core.Outbox;
import dev.btrbot.core.PostKey;
import dev.btrbot.core.Recovery;
import dev.btrbot.core.Reply;
import dev.btrbot.core.Rights;
import dev.btrbot.core.Rights;
import dev.btrbot.core.Rotator;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.StoreTx;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.ForumReport;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseSchedule;
import dev.btrbot.domain.RoleName;
import dev.btrbot.domain.TriageSla;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Untriaged blockers past the triage SLA ping the triager (the release
 * manager when there is none), and past twice the SLA the triager and the
 * release manager. Each release's pings are claimed in its own transaction;
 * all of a tick's pings to one member go out as one message, however many
 * blockers and releases they cover.
 */
public final class TriagePingJob {
    /** The most blockers one triage message lists per release; the rest are counted. */
    static final int PINGS_LISTED = 20;

    private final Store store;
    private final Delivery delivery;
    private final Duration sla;
    private final Rights rights;

    /** @param rights who the release managers are (the admins when a release has none) */
    public TriagePingJob(Store store, Delivery delivery, Duration sla, Rights rights) {
        this.store = store;
        this.delivery = delivery;
        this.sla = sla;
        this.rights = rights;
    }

    /**
     * One untriaged blocker or forum report to tell one member about, claimed under {@code keys}: its ping, and past
     * twice the SLA the first one too when this tick superseded it.
     */
    record Ping(MemberId to, ReleaseName release, Set<PostKey> keys, Item item, long hours, boolean twice, String context,
                String fix) {
    }

    /** What a ping is about: "Blocker #3" or "Forum report #2", its title and link. */
    record Item(String what, int number, String title, String url, boolean forum) {
        static Item of(Blocker b) {
            return new Item("Blocker #" + b.number(), b.number(), b.title(), b.url(), false);
        }

        static Item of(ForumReport r) {
            return new Item(r.label(), r.number(), r.title(), r.url(), true);
        }

        /** "#3" for a blocker (as lists have always shown it), "forum report #2" for a forum report. */
        String label() {
            return forum ? "forum report #" + number : "#" + number;
        }
    }

    /** Claims the release's due pings; they are sent, with every other release's, by {@link #send}. */
    List<Ping> claim(ReleaseName name, Instant now) {
        List<Ping> claimed = new ArrayList<>();
        store.write(tx -> {
            Release release = tx.releases().named(name.value());
            ReleaseSchedule schedule = tx.schedules().of(name);
            List<MemberId> triagers = Rights.holders(tx, name, RoleName.TRIAGE);
            List<MemberId> managers = Rotator.managers(tx, new Call(Recovery.BOT, now, rights), release);
            for (Blocker b : tx.blockers().forRelease(name)) {
                TriageSla.Level level = TriageSla.level(b, schedule.zone(), sla, now);
                String fix = "Set its priority: blocker priority " + name + " " + b.number() + " critical|high|medium|low";
                claimOne(tx, name, Item.of(b), level, TriageSla.since(b, schedule.zone()), PostKey.Kind.TRIAGE_1X,
                        PostKey.Kind.TRIAGE_2X, fix, triagers, managers, now, claimed);
            }
            for (ForumReport r : tx.forum().reports(name)) {
                if (!r.untriaged()) {
                    continue;
                }
                String ref = name + " " + r.number();
                String fix = "Triage it: forum blocker " + ref + " <priority> · forum link " + ref + " <blocker> · forum dismiss "
                        + ref + " <reason>";
                claimOne(tx, name, Item.of(r), TriageSla.level(r.foundAt(), sla, now), r.foundAt(), PostKey.Kind.FORUM_TRIAGE_1X,
                        PostKey.Kind.FORUM_TRIAGE_2X, fix, triagers, managers, now, claimed);
            }
            return null;
        });
        return claimed;   // only once the claims committed
    }

    private void claimOne(StoreTx tx, ReleaseName name, Item item, TriageSla.Level level, Instant since, PostKey.Kind onceKind,
                          PostKey.Kind twiceKind, String fix, List<MemberId> triagers, List<MemberId> managers, Instant now,
                          List<Ping> claimed) {
        if (level == TriageSla.Level.WITHIN) {
            return;
        }
        // past twice the SLA the first ping is superseded: claim it too, so it never follows the second
        PostKey once = new PostKey(name, onceKind, item.number());
        PostKey twice = new PostKey(name, twiceKind, item.number());
        boolean first = delivery.claim(tx, once, now);
        boolean second = level == TriageSla.Level.TWICE_OVERDUE && delivery.claim(tx, twice, now);
        if (!first && !second) {
            return;
        }
        Set<PostKey> keys = new LinkedHashSet<>();
        if (first) {
            keys.add(once);
        }
        if (second) {
            keys.add(twice);
        }
        long hours = Duration.between(since, now).toHours();
        Set<MemberId> to = new LinkedHashSet<>(triagers.isEmpty() || second ? managers : List.of());
        to.addAll(triagers);
        String context = second ? "triage: " + Scheduler.names(triagers) + " · release manager: " + Scheduler.names(managers)
                : triagers.isEmpty() ? name + " has no triage holder, so the release manager is asked." : null;
        to.forEach(m -> claimed.add(new Ping(m, name, keys, item, hours, second, context, fix)));
        tx.audit().record(now, Recovery.BOT, name, "triage.ping", item.label() + " untriaged " + hours + " h: pinged "
                + Scheduler.names(List.copyOf(to)) + (second ? " (2× SLA)" : ""));
    }

    /** Sends the tick's claimed pings, one message per member; a claim is marked sent when every message carrying it arrived. */
    void send(List<Ping> pings, List<String> sent) {
        Map<MemberId, List<Ping>> byMember = new LinkedHashMap<>();
        pings.forEach(p -> byMember.computeIfAbsent(p.to(), m -> new ArrayList<>()).add(p));
        Outbox outbox = new Outbox();
        byMember.forEach((member, theirs) -> outbox.tell(member, message(theirs),
                theirs.stream().flatMap(p -> p.keys().stream()).collect(Collectors.toSet())));
        Scheduler.report(delivery.send(outbox), sent);
    }

    private Reply message(List<Ping> pings) {
        String sla = hours(this.sla);
        if (pings.size() == 1) {
            Ping p = pings.get(0);
            Item b = p.item();
            String title = p.twice()
                    ? b.what() + " of " + p.release() + " is still untriaged after " + p.hours() + " h (twice the " + sla
                    + " triage SLA)"
                    : b.what() + " of " + p.release() + " is untriaged after " + p.hours() + " h (triage SLA " + sla + ")";
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
        boolean forum = pings.stream().anyMatch(p -> p.item().forum());
        Reply.Builder message = Reply.builder(pings.size() + " untriaged " + (forum ? "blockers and forum reports" : "blockers")
                + " are past the " + sla + " triage SLA");
        Map<ReleaseName, List<Ping>> byRelease = new LinkedHashMap<>();
        pings.forEach(p -> byRelease.computeIfAbsent(p.release(), r -> new ArrayList<>()).add(p));
        byRelease.forEach((release, theirs) -> {
            List<String> lines = new ArrayList<>();
            theirs.stream().limit(PINGS_LISTED).forEach(p -> lines.add(p.item().label() + " (" + p.hours() + " h"
                    + (p.twice() ? ", twice the SLA" : "") + ") " + p.item().title() + " — " + p.item().url()));
            if (theirs.size() > PINGS_LISTED) {
                lines.add("… and " + (theirs.size() - PINGS_LISTED) + " more: 'blockers " + release + "' lists them.");
            }
            theirs.stream().map(Ping::context).filter(c -> c != null).distinct().forEach(lines::add);
            if (theirs.stream().anyMatch(p -> !p.item().forum())) {
                lines.add("Set each one's priority: blocker priority " + release + " <number> critical|high|medium|low");
            }
            if (theirs.stream().anyMatch(p -> p.item().forum())) {
                lines.add("Triage each forum report: forum blocker|link|dismiss " + release + " <report> … ('forum reports "
                        + release + "' lists them)");
            }
            message.section(release.value(), lines);
        });
        return message.line("", "They block their releases until they have a priority.").build();
    }

    private static String hours(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
