package dev.btrbot.adapter.web;

import dev.btrbot.core.Assessment;
import dev.btrbot.core.Dashboard;
import dev.btrbot.domain.Assignment;
import dev.btrbot.domain.AuditEvent;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.MissingBackport;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.SignOff;
import dev.btrbot.domain.TagRun;
import dev.btrbot.domain.Text;
import dev.btrbot.domain.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** A release's page: banner, quorum, candidate, burndown, sign-offs, blockers, checklist, holds, roles, tag runs, audit log. */
final class ReleasePageHtml {
    private final Dashboard.ReleasePage p;
    private final Assessment a;
    private final Release r;
    private final Function<MemberId, String> name;
    private final StringBuilder out = new StringBuilder(16_384);

    private ReleasePageHtml(Dashboard.ReleasePage page) {
        this.p = page;
        this.a = page.assessment();
        this.r = a.release();
        this.name = page.name();
    }

    static String render(Dashboard.ReleasePage page) {
        ReleasePageHtml html = new ReleasePageHtml(page);
        html.body();
        return Html.page(page.assessment().release().name().value(), html.out.toString(), true);
    }

    private void body() {
        out.append("<h1>").append(Html.text(r.name() + " — " + r.state().label())).append("</h1>\n<p class=\"meta\">")
                .append(Html.text(target())).append("branch <code>").append(Html.text(r.branch().value())).append("</code></p>\n");
        banner();
        quorum();
        candidate();
        burndown();
        signOffs();
        blockers();
        checklist();
        backports();
        holdsAndWaivers();
        roles();
        tagRuns();
        audit();
    }

    private String target() {
        if (r.target() == null) {
            return "no target date · ";
        }
        long days = ChronoUnit.DAYS.between(LocalDate.ofInstant(p.now(), ZoneOffset.UTC), r.target());
        return "target " + r.target() + " (" + (days >= 0 ? "in " + Text.plural(days, "day", "days") : Text.plural(-days, "day", "days") + " ago")
                + ") · ";
    }

    private void banner() {
        if (!r.state().isActive()) {
            out.append("<section class=\"banner done\" aria-labelledby=\"gate\"><h2 id=\"gate\">")
                    .append(Html.text(r.name() + " is " + r.state().label())).append("</h2></section>\n");
            return;
        }
        if (a.gate().open()) {
            out.append("<section class=\"banner go\" aria-labelledby=\"gate\"><h2 id=\"gate\">GO</h2><p>")
                    .append(Html.text("Every condition holds; the tagger can run 'tag " + r.name() + " --confirm'.")).append("</p></section>\n");
            return;
        }
        out.append("<section class=\"banner nogo\" aria-labelledby=\"gate\"><h2 id=\"gate\">NO-GO: ")
                .append(Text.plural(a.gate().unmet().size(), "condition", "conditions")).append(" unmet</h2>\n<ul>\n");
        a.gate().unmet().forEach(u -> out.append("<li>").append(Html.text(u)).append("</li>\n"));
        out.append("</ul></section>\n");
    }

    private void quorum() {
        Dashboard.Quorum q = p.quorum();
        out.append("<section aria-labelledby=\"quorum\"><h2 id=\"quorum\">Quorum</h2>\n<p><label for=\"q-all\">Passing sign-offs on this candidate: ")
                .append(q.passes()).append(" of ").append(q.passesNeeded()).append("</label> <meter id=\"q-all\" min=\"0\" max=\"")
                .append(q.passesNeeded()).append("\" value=\"").append(Math.min(q.passes(), q.passesNeeded())).append("\"></meter></p>\n");
        if (q.manualQaNeeded() > 0) {
            out.append("<p><label for=\"q-qa\">from manual-qa: ").append(q.manualQaPasses()).append(" of ").append(q.manualQaNeeded())
                    .append("</label> <meter id=\"q-qa\" min=\"0\" max=\"").append(q.manualQaNeeded()).append("\" value=\"")
                    .append(Math.min(q.manualQaPasses(), q.manualQaNeeded())).append("\"></meter></p>\n");
        }
        out.append("</section>\n");
    }

    private void candidate() {
        out.append("<section aria-labelledby=\"candidate\"><h2 id=\"candidate\">Candidate</h2>\n");
        Candidate c = a.candidate();
        if (c == null) {
            out.append("<p>").append(Html.text(a.candidateProblem())).append("</p></section>\n");
            return;
        }
        out.append("<p><code>").append(Html.text(c.shortId())).append("</code>, as of ").append(Html.text(Text.time(c.firstSeen())))
                .append(", when the bot first saw this candidate (stored data; 'status ").append(Html.text(r.name().value()))
                .append("' reads the branches now).</p>\n");
        a.rcTag().ifPresentOrElse(t -> out.append("<p class=\"install\">Testers install <code>").append(Html.text(t)).append("</code></p>\n"),
                () -> out.append("<p>No release-candidate tag marks this candidate yet.</p>\n"));
        if (a.changedSinceLastSignOff()) {
            out.append("<p class=\"warn\">The branch moved since the last sign-off: earlier sign-offs no longer count.</p>\n");
        }
        out.append("<ul class=\"heads\">\n");
        c.heads().forEach(h -> out.append("<li>").append(link(CommitLinks.of(h.repo(), h.sha()), h.repo().name() + " @ " + h.sha().shortId()))
                .append("</li>\n"));
        out.append("</ul></section>\n");
    }

    private void burndown() {
        out.append("<section aria-labelledby=\"burndown\"><h2 id=\"burndown\">Burndown</h2>\n")
                .append(BurndownSvg.figure(p.burndown(), name)).append("</section>\n");
    }

    private void signOffs() {
        out.append("<section aria-labelledby=\"signoffs\"><h2 id=\"signoffs\">Sign-offs</h2>\n");
        if (a.signOffs().isEmpty()) {
            out.append("<p>None yet.</p></section>\n");
            return;
        }
        out.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Verdict</th><th scope=\"col\">Who</th>"
                + "<th scope=\"col\">Installed on</th><th scope=\"col\">rc</th><th scope=\"col\">When</th><th scope=\"col\">Counts</th>"
                + "</tr></thead><tbody>\n");
        List<SignOff> all = a.signOffs().stream().sorted(Comparator.comparing(SignOff::at).reversed()).toList();
        for (SignOff s : all) {
            boolean current = s.isOn(a.candidate());
            out.append("<tr").append(current ? "" : " class=\"stale\"").append("><td>")
                    .append(Html.badge(s.verdict() == Verdict.PASS ? "pass" : "fail", s.verdict().label())).append("</td><td>").append(Html.text(name.apply(s.member()))).append("</td><td>")
                    .append(Html.text(s.environment())).append("</td><td>").append(Html.text(s.rcTag() == null ? "" : s.rcTag()))
                    .append("</td><td>").append(Html.text(Text.time(s.at()))).append("</td><td>")
                    .append(current ? "yes, current candidate" : "stale: older candidate " + Html.text(s.candidateId().substring(0, 10)))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table></div></section>\n");
    }

    private void blockers() {
        List<Blocker> open = a.blockers().stream().filter(Blocker::counts)
                .sorted(Comparator.comparing((Blocker b) -> b.priority() == null ? -1 : b.priority().ordinal()).thenComparing(Blocker::number))
                .toList();
        out.append("<section aria-labelledby=\"blockers\"><h2 id=\"blockers\">Blockers (").append(open.size()).append(" open)</h2>\n");
        if (a.sync() != null) {
            out.append("<p class=\"meta\">").append(Html.text(syncLine(a.sync(), p.now()))).append("</p>\n");
        }
        if (open.isEmpty()) {
            out.append("<p>No open blockers.</p></section>\n");
            return;
        }
        out.append("<div class=\"scroll\"><table class=\"blockers\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Priority</th>"
                + "<th scope=\"col\">Blocker</th><th scope=\"col\">Age</th><th scope=\"col\">Assignees</th><th scope=\"col\">Fixes</th>"
                + "</tr></thead><tbody>\n");
        for (Blocker b : open) {
            out.append("<tr><td>").append(b.number()).append("</td><td>")
                    .append(Html.badge("p-" + b.priorityLabel(), b.untriaged() ? "untriaged" : b.priorityLabel())).append("</td><td>")
                    .append(link(b.url(), b.title())).append("</td><td>").append(age(b.since())).append("</td><td>")
                    .append(Html.text(b.issue() == null ? "" : String.join(", ", b.issue().assignees()))).append("</td><td>");
            fixes(b);
            out.append("</td></tr>\n");
        }
        out.append("</tbody></table></div></section>\n");
    }

    private void fixes(Blocker b) {
        for (Blocker.FixCommit f : b.fixes()) {
            MissingBackport missing = a.missingBackports().stream()
                    .filter(m -> m.blockerNumber() == b.number() && m.fix().equals(f.sha())).findFirst().orElse(null);
            out.append("<div>").append(link(CommitLinks.of(f.repo(), f.sha()), f.repo().name() + "@" + f.sha().shortId())).append(' ')
                    .append(missing != null ? Html.badge("fail", "not on the branch") : Html.badge("unknown", "not checked here"))
                    .append("</div>");
        }
    }

    /** The release's checklist: each item ticked (by whom, when; notes stay in chat) or open with its role and holder. */
    private void checklist() {
        var items = a.checklist().items();
        out.append("<section aria-labelledby=\"checklist\"><h2 id=\"checklist\">Checklist (").append(a.checklist().open().size())
                .append(" of ").append(items.size()).append(" open)</h2>\n");
        if (items.isEmpty()) {
            out.append("<p>No checklist items.</p></section>\n");
            return;
        }
        out.append("<div class=\"scroll\"><table class=\"checklist\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Item</th>"
                + "<th scope=\"col\">Owner</th><th scope=\"col\">State</th></tr></thead><tbody>\n");
        for (var item : items) {
            var holders = a.checklist().holdersOf(item.role());
            out.append("<tr><td>").append(item.position()).append("</td><td>").append(Html.text(item.text())).append(" <code>")
                    .append(Html.text(item.id())).append("</code></td><td>").append(Html.text(item.role().value() + ": "
                            + (holders.isEmpty() ? "nobody yet" : String.join(", ", holders.stream().map(name).toList()))))
                    .append("</td><td>");
            if (item.open()) {
                out.append(Html.badge("fail", "open"));
            } else {
                out.append(Html.badge("pass", "checked")).append(' ').append(Html.text("by " + name.apply(item.tick().by()) + " at "
                        + Text.time(item.tick().at())));
            }
            out.append("</td></tr>\n");
        }
        out.append("</tbody></table></div></section>\n");
    }

    /** The backport queue: the pending count and the oldest, each pending one, and how many are on the branch or declined. */
    private void backports() {
        var queue = a.backports();
        if (queue.candidates().isEmpty()) {
            return;
        }
        var pending = queue.pending();
        out.append("<section aria-labelledby=\"backports\"><h2 id=\"backports\">Backports (").append(pending.size()).append(" pending)</h2>\n<p>")
                .append(Html.text(pending.isEmpty() ? "No backport pending." : queue.summary(p.now()) + ".")).append(' ')
                .append(Html.text(queue.in(dev.btrbot.domain.BackportCandidate.State.ON_BRANCH).size() + " on " + r.branch().value() + ", "
                        + queue.in(dev.btrbot.domain.BackportCandidate.State.DECLINED).size() + " declined.")).append("</p>\n");
        if (!pending.isEmpty()) {
            out.append("<ul>\n");
            pending.forEach(c -> out.append("<li>").append(Html.text(c.named() + ", " + c.age(p.now()) + " (" + c.foundBy() + ")"))
                    .append("</li>\n"));
            out.append("</ul>\n");
        }
        out.append("</section>\n");
    }

    private void holdsAndWaivers() {
        List<Blocker> waived = a.blockers().stream().filter(b -> b.open() && b.waived()).toList();
        out.append("<section aria-labelledby=\"holds\"><h2 id=\"holds\">Holds and waivers</h2>\n");
        if (a.holds().isEmpty() && waived.isEmpty()) {
            out.append("<p>No holds, no waivers.</p></section>\n");
            return;
        }
        out.append("<ul>\n");
        a.holds().forEach(h -> out.append("<li>Hold by ").append(Html.text(name.apply(h.member()))).append(" since ")
                .append(Html.text(Text.time(h.at()))).append(": ").append(Html.text(h.reason())).append("</li>\n"));
        waived.forEach(b -> out.append("<li>Waived #").append(b.number()).append(' ').append(link(b.url(), b.title())).append(" by ")
                .append(Html.text(name.apply(b.waiver().by()))).append(": ").append(Html.text(b.waiver().reason())).append("</li>\n"));
        out.append("</ul></section>\n");
    }

    private void roles() {
        List<Assignment> live = a.assignments().stream().filter(Assignment::live).toList();
        out.append("<section aria-labelledby=\"roles\"><h2 id=\"roles\">Roles</h2>\n");
        if (live.isEmpty()) {
            out.append("<p>Nobody holds or was offered a role yet.</p></section>\n");
            return;
        }
        out.append("<table><thead><tr><th scope=\"col\">Role</th><th scope=\"col\">Who</th><th scope=\"col\">State</th></tr></thead><tbody>\n");
        live.forEach(x -> out.append("<tr><th scope=\"row\">").append(Html.text(x.role().value())).append("</th><td>")
                .append(Html.text(name.apply(x.member()))).append("</td><td>").append(Html.text(x.state().label())).append("</td></tr>\n"));
        out.append("</tbody></table></section>\n");
    }

    private void tagRuns() {
        out.append("<section aria-labelledby=\"tagruns\"><h2 id=\"tagruns\">Tag runs</h2>\n");
        if (a.tagRuns().isEmpty()) {
            out.append("<p>No tag has been pushed yet.</p></section>\n");
            return;
        }
        out.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Tag</th><th scope=\"col\">Kind</th><th scope=\"col\">State</th>"
                + "<th scope=\"col\">Candidate</th><th scope=\"col\">By</th><th scope=\"col\">Started</th><th scope=\"col\">Ended</th>"
                + "</tr></thead><tbody>\n");
        List<TagRun> newestFirst = new java.util.ArrayList<>(a.tagRuns());
        java.util.Collections.reverse(newestFirst);
        for (TagRun t : newestFirst) {
            out.append("<tr><td><code>").append(Html.text(t.tagName())).append("</code></td><td>").append(Html.text(t.kind().label()))
                    .append("</td><td>").append(Html.badge("run-" + t.state().label(), t.state().label())).append("</td><td><code>")
                    .append(Html.text(t.candidateId().substring(0, 10))).append("</code></td><td>").append(Html.text(name.apply(t.requester())))
                    .append("</td><td>").append(Html.text(Text.time(t.startedAt()))).append("</td><td>")
                    .append(Html.text(t.endedAt() == null ? "" : Text.time(t.endedAt()))).append("</td></tr>\n");
        }
        out.append("</tbody></table></div></section>\n");
    }

    private void audit() {
        out.append("<section aria-labelledby=\"audit\"><h2 id=\"audit\">Audit log</h2>\n<p class=\"meta\">")
                .append(Text.plural(p.auditEvents(), "event", "events")).append(", newest first; page ").append(p.page()).append(" of ")
                .append(p.pages()).append(".</p>\n");
        if (!p.audit().isEmpty()) {
            out.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th>"
                    + "<th scope=\"col\">What</th><th scope=\"col\">Details</th></tr></thead><tbody>\n");
            for (AuditEvent e : p.audit()) {
                out.append("<tr><td>").append(Html.text(Text.time(e.at()))).append("</td><td>").append(Html.text(name.apply(e.actor())))
                        .append("</td><td>").append(Html.text(e.action())).append("</td><td>").append(Html.text(e.details()))
                        .append("</td></tr>\n");
            }
            out.append("</tbody></table></div>\n");
        }
        if (p.pages() > 1) {
            String base = "/releases/" + r.name().value() + "?page=";
            out.append("<nav class=\"pages\" aria-label=\"Audit log pages\">");
            if (p.page() > 1) {
                out.append("<a rel=\"prev\" href=\"").append(Html.attr(base + (p.page() - 1))).append("#audit\">Newer</a> ");
            }
            if (p.page() < p.pages()) {
                out.append("<a rel=\"next\" href=\"").append(Html.attr(base + (p.page() + 1))).append("#audit\">Older</a>");
            }
            out.append("</nav>\n");
        }
        out.append("</section>\n");
    }

    private static String link(String url, String label) {
        return url == null ? Html.text(label) : Html.link(url, label);
    }

    private String age(Instant since) {
        if (since == null) {
            return "";
        }
        long hours = Math.max(0, Duration.between(since, p.now()).toHours());
        return hours < 48 ? hours + " h" : hours / 24 + " days";
    }

    /** When blockers were last read from GitHub, as the public view may say it (no error text). */
    private static String syncLine(dev.btrbot.core.port.SyncStateRepo.SyncState s, Instant now) {
        if (s.unreachableSince() != null) {
            return "GitHub unreachable since " + Text.time(s.unreachableSince()) + ": showing stored blockers.";
        }
        return s.refreshedAt() == null ? "Blockers never refreshed from GitHub."
                : "Blockers refreshed from GitHub at " + Text.time(s.refreshedAt()) + ".";
    }
}
