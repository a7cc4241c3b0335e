package dev.btrbot.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open blockers per day since a release was created, by priority with the
 * untriaged apart, and the days something happened: the candidate changed, an
 * rc tag was pushed, a sign-off came in. Rebuilt from what is on the record (a
 * blocker's own times and the audit log), so a release created before anyone
 * drew charts gets the same picture. Days are UTC days; a blocker counts on a
 * day when it was open at the day's end.
 *
 * <p>When a blocker closed: the issue's close time (synced), the last
 * {@code blocker.resolve} of it (by hand), or its waiver. Its priority on a day:
 * the priorities {@code blocker.priority} events moved it through, its current
 * one after the last.
 */
public record Burndown(List<Day> days, List<Marker> markers, LocalDate target) {
    /** At most this many days are drawn: the newest ones. */
    public static final int MAX_DAYS = 400;

    private static final Pattern NUMBER = Pattern.compile("^#(\\d+)\\b");
    private static final Pattern PRIORITY_CHANGE = Pattern.compile("^#(\\d+) (\\w+) → (\\w+)");

    public Burndown {
        days = List.copyOf(days);
        markers = List.copyOf(markers);
    }

    /** @param open open blockers that day by priority; {@code untriaged} those with none */
    public record Day(LocalDate date, Map<Priority, Integer> open, int untriaged) {
        public Day {
            open = Map.copyOf(open);
        }

        public int total() {
            return untriaged + open.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public enum MarkerKind {
        CANDIDATE("candidate changed"), RC_TAG("rc tag pushed"), SIGN_OFF("sign-off"), TAGGED("tagged");

        private final String label;

        MarkerKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * Something that happened on a day: the candidate's short id, the tag's name, or a sign-off's verdict.
     *
     * @param who who signed off; null for the other kinds
     */
    public record Marker(LocalDate date, MarkerKind kind, String text, MemberId who) {
    }

    /**
     * @param created when the release was created: the first day drawn
     * @param today   the last day drawn
     * @param events  the release's audit log, oldest first
     */
    public static Burndown of(Instant created, LocalDate target, LocalDate today, List<Blocker> blockers, List<AuditEvent> events) {
        LocalDate first = day(created);
        if (today.isBefore(first)) {
            today = first;
        }
        if (first.plusDays(MAX_DAYS - 1).isBefore(today)) {
            first = today.minusDays(MAX_DAYS - 1);
        }
        Map<Integer, Instant> resolved = new HashMap<>();
        Map<Integer, List<AuditEvent>> priorityChanges = new HashMap<>();
        List<Marker> markers = new ArrayList<>();
        for (AuditEvent e : events) {
            Matcher n = NUMBER.matcher(e.details() == null ? "" : e.details());
            switch (e.action()) {
                case "blocker.resolve" -> {
                    if (n.find()) {
                        resolved.put(Integer.parseInt(n.group(1)), e.at());
                    }
                }
                case "blocker.priority" -> {
                    if (n.find()) {
                        priorityChanges.computeIfAbsent(Integer.parseInt(n.group(1)), k -> new ArrayList<>()).add(e);
                    }
                }
                default -> marker(e).ifPresent(markers::add);
            }
        }
        List<Day> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            Instant end = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Map<Priority, Integer> open = new EnumMap<>(Priority.class);
            int untriaged = 0;
            for (Blocker b : blockers) {
                if (!openAt(b, end, resolved.get(b.number()))) {
                    continue;
                }
                Priority p = priorityAt(b, end, priorityChanges.getOrDefault(b.number(), List.of()));
                if (p == null) {
                    untriaged++;
                } else {
                    open.merge(p, 1, Integer::sum);
                }
            }
            days.add(new Day(d, open, untriaged));
        }
        LocalDate from = first;
        LocalDate to = today;
        return new Burndown(days, markers.stream().filter(m -> !m.date().isBefore(from) && !m.date().isAfter(to)).toList(), target);
    }

    /** The most open blockers on any day (at least 1, so a chart of zeros has a scale). */
    public int peak() {
        return Math.max(1, days.stream().mapToInt(Day::total).max().orElse(0));
    }

    private static boolean openAt(Blocker b, Instant end, Instant resolvedAt) {
        if (!b.createdAt().isBefore(end)) {
            return false;
        }
        Instant closed = null;
        if (b.waived()) {
            closed = b.waiver().at();
        }
        if (!b.open()) {
            Instant known = b.issue() != null && b.issue().closed() != null ? b.issue().closed() : resolvedAt;
            // closed, and when is not on the record: it counts as closed from the start (never drawn as open for ever)
            Instant when = known == null ? b.createdAt() : known;
            closed = closed == null || when.isBefore(closed) ? when : closed;
        }
        return closed == null || closed.isAfter(end);
    }

    private static Priority priorityAt(Blocker b, Instant end, List<AuditEvent> changes) {
        for (AuditEvent e : changes) {
            if (!e.at().isBefore(end)) {
                Matcher m = PRIORITY_CHANGE.matcher(e.details());
                return m.find() ? parse(m.group(2)) : b.priority();
            }
        }
        return b.priority();
    }

    private static Priority parse(String label) {
        for (Priority p : Priority.values()) {
            if (p.label().equals(label)) {
                return p;
            }
        }
        return null;    // "untriaged"
    }

    private static Optional<Marker> marker(AuditEvent e) {
        String details = e.details() == null ? "" : e.details();
        LocalDate d = day(e.at());
        if (e.action().equals("candidate.seen")) {
            return Optional.of(new Marker(d, MarkerKind.CANDIDATE, details.split(":", 2)[0].replaceFirst("^candidate ", ""), null));
        }
        if (e.action().equals("tag.rc.succeeded")) {
            return Optional.of(new Marker(d, MarkerKind.RC_TAG, details.split(" ", 2)[0], null));
        }
        if (e.action().equals("tag.final.succeeded")) {
            return Optional.of(new Marker(d, MarkerKind.TAGGED, details.split(" ", 2)[0], null));
        }
        if (e.action().equals("signoff.pass") || e.action().equals("signoff.fail")) {
            return Optional.of(new Marker(d, MarkerKind.SIGN_OFF, e.action().substring("signoff.".length()), e.actor()));
        }
        return Optional.empty();
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
