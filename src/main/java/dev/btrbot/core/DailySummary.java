package dev.btrbot.core;

import dev.btrbot.domain.Assignment;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.Priority;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseSchedule;
import dev.btrbot.domain.RoleName;
import dev.btrbot.domain.SignOff;
import dev.btrbot.domain.TriageSla;
import dev.btrbot.domain.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The daily summary a release's channel gets (on schedule, or on request): a
 * compact picture — days to target, the gate's unmet conditions one per
 * line, open blockers by priority (untriaged first, overdue triage called
 * out), missing backports, the checklist's open items, the candidate and its
 * sign-offs, the role holders.
 * Each group is capped so the post stays short; the full lists are one
 * command away.
 */
public final class DailySummary {
    static final int MAX_PER_GROUP = 8;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ROOT);

    private DailySummary() {
    }

    public static Reply compose(Assessment a, ReleaseSchedule schedule, Duration triageSla, Instant now) {
        return compose(a, schedule, triageSla, now, null);
    }

    /** @param page the release's dashboard page, linked at the end; null for none */
    public static Reply compose(Assessment a, ReleaseSchedule schedule, Duration triageSla, Instant now, String page) {
        Release r = a.release();
        LocalDate today = LocalDate.ofInstant(now, schedule.zone());
        Reply.Builder b = Reply.builder(r.name() + " summary — " + DAY.format(today) + " · " + target(r, today));
        if (!r.state().isActive()) {
            b.line("", r.name() + " is " + r.state().label() + ".");
        } else if (a.gate().open()) {
            b.line("gate", "GO: every condition holds; the tagger can run 'tag " + r.name() + " --confirm'.");
        } else {
            List<String> lines = new ArrayList<>();
            lines.add("NO-GO: " + a.gate().unmet().size() + " unmet");
            a.gate().unmet().forEach(u -> lines.add("• " + u));
            b.section("gate", lines);
        }
        blockers(b, a, schedule, triageSla, now);
        forumReports(b, a, triageSla, now);
        if (!a.missingBackports().isEmpty()) {
            b.section("missing backports (" + a.missingBackports().size() + ")",
                    capped(a.missingBackports().stream().map(m -> m.describe()).toList(), "status " + r.name()));
        }
        if (!a.checklist().items().isEmpty()) {
            var open = a.checklist().open();
            b.line("checklist", open.isEmpty() ? "all " + a.checklist().items().size() + " items checked"
                    : open.size() + " of " + a.checklist().items().size() + " open: " + String.join(", ", open.stream().map(i -> i.text()
                    + " (" + i.role() + ": " + Checklists.holders(a.checklist().holdersOf(i.role()), dev.btrbot.domain.MemberId::value) + ")")
                    .toList()) + " ('checklist " + r.name() + "' lists them)");
        }
        String backports = a.backports().summary(now);
        if (backports != null) {
            b.line("backports", backports + " ('backports " + r.name() + "' lists them)");
        }
        b.section("candidate", candidate(a));
        b.line("roles", roles(a.assignments()));
        if (page != null) {
            b.line("dashboard", page);
        }
        return b.build();
    }

    private static String target(Release r, LocalDate today) {
        if (r.target() == null) {
            return "no target date";
        }
        long days = ChronoUnit.DAYS.between(today, r.target());
        if (days == 0) {
            return "target date today (" + r.target() + ")";
        }
        return days > 0 ? days + (days == 1 ? " day" : " days") + " to target " + r.target()
                : -days + (days == -1 ? " day" : " days") + " past target " + r.target();
    }

    private static void blockers(Reply.Builder b, Assessment a, ReleaseSchedule schedule, Duration sla, Instant now) {
        List<Blocker> open = a.blockers().stream().filter(Blocker::counts).toList();
        long waived = a.blockers().stream().filter(x -> x.open() && x.waived()).count();
        String more = "blockers " + a.release().name();
        if (open.isEmpty()) {
            b.line("blockers", "no open blockers" + (waived > 0 ? " (" + waived + " waived)" : ""));
            return;
        }
        List<Blocker> untriaged = open.stream().filter(Blocker::untriaged).toList();
        if (!untriaged.isEmpty()) {
            long overdue = untriaged.stream()
                    .filter(x -> TriageSla.level(x, schedule.zone(), sla, now) != TriageSla.Level.WITHIN).count();
            b.section("untriaged (" + untriaged.size() + (overdue > 0 ? ", " + overdue + " past the " + hours(sla) + " triage SLA" : "")
                    + ")", capped(untriaged.stream().map(x -> line(x, schedule, sla, now)).toList(), more));
        }
        for (Priority p : Priority.values()) {
            List<String> lines = open.stream().filter(x -> p == x.priority()).map(x -> line(x, schedule, sla, now)).toList();
            if (!lines.isEmpty()) {
                b.section(p.label() + " (" + lines.size() + ")", capped(lines, more));
            }
        }
        if (waived > 0) {
            b.line("", waived + " waived (status " + a.release().name() + " shows why)");
        }
    }

    /** Untriaged forum reports, like untriaged blockers, with those past the triage SLA called out. */
    private static void forumReports(Reply.Builder b, Assessment a, Duration sla, Instant now) {
        List<dev.btrbot.domain.ForumReport> untriaged = a.forumReports().stream().filter(dev.btrbot.domain.ForumReport::untriaged)
                .toList();
        if (untriaged.isEmpty() || !a.release().state().isActive()) {
            return;
        }
        long overdue = untriaged.stream().filter(r -> TriageSla.level(r.foundAt(), sla, now) != TriageSla.Level.WITHIN).count();
        List<String> lines = untriaged.stream().map(r -> "forum report #" + r.number() + " " + r.title() + " — "
                + Duration.between(r.foundAt(), now).toDays() + "d old"
                + (TriageSla.level(r.foundAt(), sla, now) != TriageSla.Level.WITHIN ? ", TRIAGE OVERDUE" : "") + " — " + r.url())
                .toList();
        b.section("untriaged forum reports (" + untriaged.size() + (overdue > 0 ? ", " + overdue + " past the " + hours(sla)
                + " triage SLA" : "") + ")", capped(lines, "forum reports " + a.release().name()));
    }

    private static String line(Blocker x, ReleaseSchedule schedule, Duration sla, Instant now) {
        long days = Duration.between(TriageSla.since(x, schedule.zone()), now).toDays();
        String title = x.title().length() > 80 ? x.title().substring(0, 77) + "..." : x.title();
        StringBuilder s = new StringBuilder("#" + x.number() + " " + title + " — " + days + "d old");
        if (TriageSla.level(x, schedule.zone(), sla, now) != TriageSla.Level.WITHIN) {
            s.append(", TRIAGE OVERDUE");
        }
        if (x.issue() != null) {
            s.append(x.issue().assignees().isEmpty() ? ", unassigned"
                    : ", assigned to " + String.join(", ", x.issue().assignees().stream().map(who -> "@" + who).toList()));
        }
        if (!x.fixes().isEmpty()) {
            s.append(", fix ").append(String.join(", ", x.fixes().stream().map(f -> f.repo().name() + "@" + f.sha().shortId()).toList()));
        }
        return s.append(" — ").append(x.url()).toString();
    }

    private static List<String> capped(List<String> lines, String command) {
        if (lines.size() <= MAX_PER_GROUP) {
            return lines;
        }
        List<String> shown = new ArrayList<>(lines.subList(0, MAX_PER_GROUP));
        shown.add("… and " + (lines.size() - MAX_PER_GROUP) + " more ('" + command + "' lists all)");
        return shown;
    }

    private static List<String> candidate(Assessment a) {
        Candidate c = a.candidate();
        if (c == null) {
            return List.of(a.candidateProblem() == null ? "none" : a.candidateProblem());
        }
        List<String> lines = new ArrayList<>();
        lines.add(c.shortId() + a.rcTag().map(t -> " — install " + t).orElse(" — no release-candidate tag yet")
                + (a.changedSinceLastSignOff() ? " (the branch moved since the last sign-off)" : ""));
        List<String> votes = new ArrayList<>();
        for (SignOff s : a.currentSignOffs()) {
            votes.add((s.verdict() == Verdict.PASS ? "✅ " : "❌ ") + s.member() + (s.environment().isEmpty() ? "" : " (" + s.environment() + ")"));
        }
        long stale = a.staleSignOffs().size();
        lines.add("sign-offs: " + (votes.isEmpty() ? "none on this candidate" : String.join(", ", votes))
                + (stale > 0 ? "; " + stale + " on older candidates no longer count" : ""));
        return lines;
    }

    private static String roles(List<Assignment> assignments) {
        List<String> parts = new ArrayList<>();
        for (RoleName role : RoleName.DEFAULTS) {
            parts.add(role + ": " + assignments.stream().filter(x -> x.role().equals(role) && x.live()).findFirst()
                    .map(x -> x.member() + (x.holds() ? "" : " (offered)")).orElse("—"));
        }
        return String.join(" · ", parts);
    }

    static String hours(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
