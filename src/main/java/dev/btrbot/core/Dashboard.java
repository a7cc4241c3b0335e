package dev.btrbot.core;

import dev.btrbot.core.port.Store;
import java.time.Clock;

import dev.btrbot.core.port.MemberNames;
import dev.btrbot.domain.AuditEvent;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Burndown;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RoleName;
import dev.btrbot.domain.SignOff;
import dev.btrbot.domain.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the public dashboard shows, read from the store alone (as
 * {@code status --stored --redacted}): no git, no GitHub, nothing written, so
 * anyone may load it as often as they like. Members are named by the
 * platform's display name, else the name the store remembered, else their id.
 */
public final class Dashboard {
    /** Audit events per page, newest first. */
    public static final int AUDIT_PAGE = 50;
    /** Tagged, announced or cancelled releases the index lists below the active ones. */
    public static final int RECENT = 10;

    private final Store store;
    private final Clock clock;
    private final Readiness readiness;
    private final MemberNames names;

    public Dashboard(Store store, Clock clock, Readiness readiness, MemberNames names) {
        this.store = store;
        this.clock = clock;
        this.readiness = readiness;
        this.names = names;
    }

    /**
     * One release's page.
     *
     * @param audit     this page of the audit log, newest first
     * @param page      1-based, within {@code 1..pages}
     * @param quorum    passing sign-offs on the current candidate against what the policy asks
     */
    public record ReleasePage(Assessment assessment, Function<MemberId, String> name, Quorum quorum, Burndown burndown,
                              List<AuditEvent> audit, int page, int pages, int auditEvents, Instant now) {
    }

    /** @param passes distinct members who passed the current candidate; {@code manualQaPasses} those of them holding manual-qa */
    public record Quorum(int passes, int passesNeeded, int manualQaPasses, int manualQaNeeded) {
        public boolean met() {
            return passes >= passesNeeded && manualQaPasses >= manualQaNeeded;
        }
    }

    /** A line of the index: an active release with its gate and burndown, or a finished one. */
    public record IndexEntry(Release release, boolean go, int unmet, Map<dev.btrbot.domain.Priority, Long> open, long untriaged,
                             Burndown burndown) {
    }

    public record Index(List<IndexEntry> active, List<IndexEntry> recent, Instant now) {
    }

    /** Empty when there is no such release (or the name is not one). */
    public Optional<ReleasePage> release(String name, int page) {
        ReleaseName release;
        try {
            release = new ReleaseName(name);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (store.read(tx -> tx.releases().find(release)).isEmpty()) {
            return Optional.empty();
        }
        Function<MemberId, String> naming = naming();
        Assessment a = readiness.assessStored(release, naming);
        List<AuditEvent> events = store.read(tx -> tx.audit().forRelease(release));
        Instant now = clock.instant();
        int pages = Math.max(1, (events.size() + AUDIT_PAGE - 1) / AUDIT_PAGE);
        int shown = Math.min(Math.max(1, page), pages);
        List<AuditEvent> newestFirst = new ArrayList<>(events);
        Collections.reverse(newestFirst);
        List<AuditEvent> slice = newestFirst.subList((shown - 1) * AUDIT_PAGE, Math.min(newestFirst.size(), shown * AUDIT_PAGE));
        List<AuditEvent> told = publicAudit(slice, a, naming);
        return Optional.of(new ReleasePage(a, naming, quorum(a), burndown(a.release(), a.blockers(), events, now), told,
                shown, pages, events.size(), now));
    }

    /** Active releases first (soonest target first), then the most recently created finished ones. */
    public Index index() {
        Instant now = clock.instant();
        List<Release> all = store.read(tx -> tx.releases().all());
        List<IndexEntry> active = new ArrayList<>();
        List<IndexEntry> recent = new ArrayList<>();
        Function<MemberId, String> naming = naming();
        for (Release r : all) {
            if (r.state().isActive()) {
                Assessment a = readiness.assessStored(r.name(), naming);
                List<AuditEvent> events = store.read(tx -> tx.audit().forRelease(r.name()));
                List<Blocker> open = a.blockers().stream().filter(Blocker::counts).toList();
                Map<dev.btrbot.domain.Priority, Long> byPriority = open.stream().filter(b -> b.priority() != null)
                        .collect(java.util.stream.Collectors.groupingBy(Blocker::priority, () -> new java.util.EnumMap<>(
                                dev.btrbot.domain.Priority.class), java.util.stream.Collectors.counting()));
                active.add(new IndexEntry(r, a.gate().open(), a.gate().unmet().size(), byPriority,
                        open.stream().filter(Blocker::untriaged).count(), burndown(r, a.blockers(), events, now)));
            } else {
                recent.add(new IndexEntry(r, false, 0, Map.of(), 0, null));
            }
        }
        active.sort(Comparator.comparing((IndexEntry e) -> e.release().target() == null ? LocalDate.MAX : e.release().target())
                .thenComparing(e -> e.release().name().value()));
        recent.sort(Comparator.comparing((IndexEntry e) -> e.release().createdAt()).reversed());
        return new Index(active, recent.subList(0, Math.min(RECENT, recent.size())), now);
    }

    /**
     * The audit log as the public view may show it: members by name (where one
     * is known) instead of their platform ids, the release's channel not named,
     * no sign-off or checklist notes, and no secret from a URL stored before those were refused.
     */
    static List<AuditEvent> publicAudit(List<AuditEvent> events, Assessment a, Function<MemberId, String> naming) {
        java.util.Set<MemberId> members = new java.util.HashSet<>();
        events.forEach(e -> members.add(e.actor()));
        a.assignments().forEach(x -> members.add(x.member()));
        a.signOffs().forEach(x -> members.add(x.member()));
        a.holds().forEach(x -> members.add(x.member()));
        a.tagRuns().forEach(x -> members.add(x.requester()));
        Map<java.util.regex.Pattern, String> renames = new java.util.LinkedHashMap<>();
        members.stream().sorted(Comparator.comparing((MemberId m) -> m.value().length()).reversed()).forEach(m -> {
            String shown = naming.apply(m);
            if (!shown.equals(m.value())) {
                renames.put(java.util.regex.Pattern.compile("(?<![A-Za-z0-9_])" + java.util.regex.Pattern.quote(m.value())
                        + "(?![A-Za-z0-9_])"), java.util.regex.Matcher.quoteReplacement(shown));
            }
        });
        String channel = a.release().channel();
        return events.stream().map(e -> {
            String details = e.details() == null ? "" : dev.btrbot.domain.Text.withoutCredentials(e.details());
            if (e.action().startsWith("signoff.") || e.action().equals("checklist.check")) {
                int notes = details.indexOf(", notes: ");
                details = notes < 0 ? details : details.substring(0, notes);
            }
            if (channel != null && !channel.isBlank()) {
                details = details.replace(channel, "the release's channel");
            }
            for (var rename : renames.entrySet()) {
                details = rename.getKey().matcher(details).replaceAll(rename.getValue());
            }
            return new AuditEvent(e.id(), e.at(), e.actor(), e.release(), e.action(), details);
        }).toList();
    }

    /** Platform name, else the stored one, else the id. */
    private Function<MemberId, String> naming() {
        Map<MemberId, String> stored = store.read(tx -> tx.members().displayNames());
        Map<MemberId, String> known = new java.util.concurrent.ConcurrentHashMap<>();
        return m -> known.computeIfAbsent(m, id -> names.displayName(id).filter(s -> !s.isBlank())
                .orElseGet(() -> stored.getOrDefault(id, id.value())));
    }

    private static Quorum quorum(Assessment a) {
        var policy = a.release().policy();
        List<MemberId> qa = a.assignments().stream().filter(x -> x.role().equals(RoleName.MANUAL_QA) && x.holds())
                .map(dev.btrbot.domain.Assignment::member).toList();
        List<MemberId> passers = a.currentSignOffs().stream().filter(s -> s.verdict() == Verdict.PASS).map(SignOff::member)
                .distinct().toList();
        return new Quorum(passers.size(), policy.passes(), (int) passers.stream().filter(qa::contains).count(), policy.manualQaPasses());
    }

    private static Burndown burndown(Release r, List<Blocker> blockers, List<AuditEvent> events, Instant now) {
        return Burndown.of(r.createdAt(), r.target(), LocalDate.ofInstant(now, ZoneOffset.UTC), blockers, events);
    }
}
