package dev.btrbot.adapter.web;

import dev.btrbot.core.Dashboard;
import dev.btrbot.domain.Priority;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.Text;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The index: active releases first with their gate, days to target, open blockers and a sparkline; then recent finished ones. */
final class IndexPageHtml {
    private IndexPageHtml() {
    }

    static String render(Dashboard.Index index) {
        StringBuilder out = new StringBuilder(4096);
        LocalDate today = LocalDate.ofInstant(index.now(), ZoneOffset.UTC);
        out.append("<h1>Releases</h1>\n<section aria-labelledby=\"active\"><h2 id=\"active\">Active</h2>\n");
        if (index.active().isEmpty()) {
            out.append("<p>No active release. An admin creates one in chat: release create &lt;name&gt; --branch B --repos org/name</p>\n");
        } else {
            out.append("<div class=\"scroll\"><table class=\"index\"><thead><tr><th scope=\"col\">Release</th><th scope=\"col\">Gate</th>"
                    + "<th scope=\"col\">Target</th><th scope=\"col\">Open blockers</th><th scope=\"col\">Trend</th></tr></thead><tbody>\n");
            for (Dashboard.IndexEntry e : index.active()) {
                Release r = e.release();
                out.append("<tr><th scope=\"row\">").append(nameLink(r)).append(" <span class=\"state\">").append(Html.text(r.state().label()))
                        .append("</span></th><td>").append(e.go() ? Html.badge("go", "GO")
                                : Html.badge("nogo", "NO-GO") + " " + Html.text(Text.plural(e.unmet(), "unmet", "unmet"))).append("</td><td>")
                        .append(Html.text(target(r, today))).append("</td><td>").append(Html.text(open(e))).append("</td><td>")
                        .append(BurndownSvg.sparkline(e.burndown())).append("</td></tr>\n");
            }
            out.append("</tbody></table></div>\n");
        }
        out.append("</section>\n<section aria-labelledby=\"recent\"><h2 id=\"recent\">Recent</h2>\n");
        if (index.recent().isEmpty()) {
            out.append("<p>No release has been tagged or cancelled yet.</p>\n");
        } else {
            out.append("<ul>\n");
            index.recent().forEach(e -> out.append("<li>").append(nameLink(e.release())).append(" — ")
                    .append(Html.text(e.release().state().label())).append("</li>\n"));
            out.append("</ul>\n");
        }
        out.append("</section>\n");
        return Html.page("releases", out.toString(), true);
    }

    private static String nameLink(Release r) {
        return "<a href=\"/releases/" + Html.attr(r.name().value()) + "\">" + Html.text(r.name().value()) + "</a>";
    }

    private static String target(Release r, LocalDate today) {
        if (r.target() == null) {
            return "none";
        }
        long days = ChronoUnit.DAYS.between(today, r.target());
        return r.target() + (days == 0 ? " (today)" : days > 0 ? " (in " + Text.plural(days, "day", "days") + ")"
                : " (" + Text.plural(-days, "day", "days") + " past)");
    }

    private static String open(Dashboard.IndexEntry e) {
        StringBuilder s = new StringBuilder();
        for (Priority p : Priority.values()) {
            long n = e.open().getOrDefault(p, 0L);
            if (n > 0) {
                s.append(s.isEmpty() ? "" : ", ").append(n).append(' ').append(p.label());
            }
        }
        if (e.untriaged() > 0) {
            s.append(s.isEmpty() ? "" : ", ").append(e.untriaged()).append(" untriaged");
        }
        return s.isEmpty() ? "none" : s.toString();
    }
}
