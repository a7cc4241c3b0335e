package dev.btrbot.adapter.web;

import dev.btrbot.domain.Burndown;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Priority;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The burndown as an inline SVG drawn on the server: a stacked bar of open
 * blockers per day (by priority, untriaged on top in its own colour), the
 * total as a line with a point per day, a line for each day something
 * happened, and the target date. Colours are presentation attributes (no
 * inline style, which the page's policy forbids); the same numbers follow in
 * a table for screen readers and anyone who would rather read.
 */
final class BurndownSvg {
    static final String[] COLOURS = {"#8b0000", "#c2410c", "#a16207", "#4b5563"};
    static final String UNTRIAGED = "#7c3aed";
    private static final int W = 720;
    private static final int H = 260;
    private static final int LEFT = 36;
    private static final int RIGHT = 12;
    private static final int TOP = 16;
    private static final int BOTTOM = 28;

    private BurndownSvg() {
    }

    /** The chart with its caption and key, and every day's numbers in a table that opens below it. */
    static String figure(Burndown b, Function<MemberId, String> name) {
        StringBuilder out = new StringBuilder(8192 + b.days().size() * 200);
        out.append("<figure>").append(chart(b, name)).append("<figcaption>Open blockers at the end of each day (UTC): ")
                .append("<span class=\"key k-critical\">critical</span> <span class=\"key k-high\">high</span> ")
                .append("<span class=\"key k-medium\">medium</span> <span class=\"key k-low\">low</span> ")
                .append("<span class=\"key k-untriaged\">untriaged</span>; the line is the total, dashed lines mark events")
                .append(b.target() == null ? "" : " and the target").append(".</figcaption></figure>\n");
        out.append("<details><summary>The burndown as a table</summary>\n<table><caption>Open blockers per day</caption><thead><tr>"
                + "<th scope=\"col\">Day</th><th scope=\"col\">Total</th><th scope=\"col\">Critical</th><th scope=\"col\">High</th>"
                + "<th scope=\"col\">Medium</th><th scope=\"col\">Low</th><th scope=\"col\">Untriaged</th><th scope=\"col\">Events</th>"
                + "</tr></thead><tbody>\n");
        for (Burndown.Day d : b.days()) {
            out.append("<tr><th scope=\"row\">").append(d.date()).append("</th><td>").append(d.total()).append("</td>");
            for (Priority p : Priority.values()) {
                out.append("<td>").append(d.open().getOrDefault(p, 0)).append("</td>");
            }
            out.append("<td>").append(d.untriaged()).append("</td><td>");
            String events = String.join("; ", b.markers().stream().filter(m -> m.date().equals(d.date()))
                    .map(m -> markerText(m, name)).toList());
            out.append(Html.text(events)).append("</td></tr>\n");
        }
        return out.append("</tbody></table></details>\n").toString();
    }

    static String chart(Burndown b, Function<MemberId, String> name) {
        List<Burndown.Day> days = b.days();
        LocalDate first = days.get(0).date();
        LocalDate last = days.get(days.size() - 1).date();
        LocalDate end = b.target() != null && b.target().isAfter(last) && ChronoUnit.DAYS.between(last, b.target()) <= 120 ? b.target() : last;
        int span = (int) ChronoUnit.DAYS.between(first, end) + 1;
        double slot = (W - LEFT - RIGHT) / (double) span;
        int peak = b.peak();
        double scale = (H - TOP - BOTTOM) / (double) peak;
        StringBuilder s = new StringBuilder(4096 + days.size() * 400);
        s.append("<svg class=\"burndown\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-labelledby=\"bd-title bd-desc\" xmlns=\"http://www.w3.org/2000/svg\">")
                .append("<title id=\"bd-title\">Open blockers per day</title><desc id=\"bd-desc\">")
                .append(Html.text(describe(b))).append("</desc>");
        // axes and scale
        int base = H - BOTTOM;
        s.append(line(LEFT, base, W - RIGHT, base, "#6b7280", null));
        for (int v : new int[] {0, (peak + 1) / 2, peak}) {
            double y = base - v * scale;
            s.append(line(LEFT, y, W - RIGHT, y, "#e5e7eb", null));
            s.append(text(LEFT - 4, y + 4, "end", String.valueOf(v)));
        }
        s.append(text(LEFT, H - BOTTOM + 16, "start", first.toString()));
        boolean targetAtEnd = end.equals(b.target());
        s.append(text(W - RIGHT, H - BOTTOM + 16, "end", (targetAtEnd ? "target " : "") + end));
        // stacked bars, most severe at the bottom, untriaged on top
        StringBuilder points = new StringBuilder();
        StringBuilder circles = new StringBuilder();
        for (int i = 0; i < days.size(); i++) {
            Burndown.Day d = days.get(i);
            double x = LEFT + i * slot;
            double y = base;
            for (Priority p : Priority.values()) {
                int n = d.open().getOrDefault(p, 0);
                if (n > 0) {
                    y -= n * scale;
                    s.append(rect(x + slot * 0.15, y, slot * 0.7, n * scale, COLOURS[p.ordinal()]));
                }
            }
            if (d.untriaged() > 0) {
                y -= d.untriaged() * scale;
                s.append(rect(x + slot * 0.15, y, slot * 0.7, d.untriaged() * scale, UNTRIAGED));
            }
            double cx = x + slot / 2;
            double cy = base - d.total() * scale;
            points.append(num(cx)).append(',').append(num(cy)).append(' ');
            circles.append("<circle class=\"point\" cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy))
                    .append("\" r=\"2.5\" fill=\"#111827\"><title>").append(d.date()).append(": ").append(d.total())
                    .append(" open</title></circle>");
        }
        s.append("<polyline fill=\"none\" stroke=\"#111827\" stroke-width=\"1.5\" points=\"").append(points.toString().strip())
                .append("\"/>").append(circles);
        // what happened, and the target
        int row = 0;
        for (Burndown.Marker m : b.markers()) {
            double x = LEFT + ChronoUnit.DAYS.between(first, m.date()) * slot + slot / 2;
            String colour = switch (m.kind()) {
                case CANDIDATE -> "#2563eb";
                case RC_TAG -> "#0d9488";
                case SIGN_OFF -> "#16a34a";
                case TAGGED -> "#111827";
            };
            s.append("<g class=\"marker\">").append(line(x, TOP, x, base, colour, "2 3"))
                    .append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(TOP + 6 * (row++ % 3)).append("\" r=\"3\" fill=\"")
                    .append(colour).append("\"><title>").append(Html.text(m.date() + ": " + markerText(m, name)))
                    .append("</title></circle></g>");
        }
        if (b.target() != null && !b.target().isBefore(first) && !b.target().isAfter(end)) {
            double x = LEFT + ChronoUnit.DAYS.between(first, b.target()) * slot + slot / 2;
            s.append(line(x, TOP, x, base, "#b91c1c", "6 3"));
            if (!targetAtEnd) {
                s.append(text(x, H - BOTTOM + 16, x > W - 120 ? "end" : x < LEFT + 120 ? "start" : "middle", "target " + b.target()));
            }
        }
        return s.append("</svg>").toString();
    }

    /** A small line of open blockers per day, for the index. */
    static String sparkline(Burndown b) {
        List<Burndown.Day> days = b.days();
        int w = 120;
        int h = 28;
        double slot = days.size() == 1 ? 0 : (w - 4) / (double) (days.size() - 1);
        double scale = (h - 4) / (double) b.peak();
        List<String> pts = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            pts.add(num(2 + i * slot) + "," + num(h - 2 - days.get(i).total() * scale));
        }
        Burndown.Day first = days.get(0);
        Burndown.Day last = days.get(days.size() - 1);
        String label = "Open blockers: " + first.total() + " on " + first.date() + ", " + last.total() + " on " + last.date()
                + ", at most " + b.days().stream().mapToInt(Burndown.Day::total).max().orElse(0);
        return "<svg class=\"spark\" viewBox=\"0 0 " + w + " " + h + "\" width=\"" + w + "\" height=\"" + h
                + "\" role=\"img\" aria-label=\"" + Html.attr(label) + "\" xmlns=\"http://www.w3.org/2000/svg\"><title>"
                + Html.text(label) + "</title><polyline fill=\"none\" stroke=\"#1f2937\" stroke-width=\"1.5\" points=\""
                + String.join(" ", pts) + "\"/></svg>";
    }

    /** The chart in one sentence, for its {@code <desc>}. */
    static String describe(Burndown b) {
        Burndown.Day first = b.days().get(0);
        Burndown.Day last = b.days().get(b.days().size() - 1);
        return "From " + first.date() + " to " + last.date() + ": " + first.total() + " open blockers on the first day, "
                + last.total() + " on the last (" + last.untriaged() + " untriaged), at most " + b.days().stream()
                .mapToInt(Burndown.Day::total).max().orElse(0) + ". " + b.markers().size() + " events marked"
                + (b.target() == null ? "." : "; target " + b.target() + ".") + " The table below has every day.";
    }

    static String markerText(Burndown.Marker m, Function<MemberId, String> name) {
        return switch (m.kind()) {
            case CANDIDATE -> "candidate changed to " + m.text();
            case RC_TAG -> "rc tag " + m.text() + " pushed";
            case SIGN_OFF -> "sign-off (" + m.text() + ") by " + name.apply(m.who());
            case TAGGED -> "tagged " + m.text();
        };
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String dash) {
        return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) + "\" stroke=\"" + colour
                + "\"" + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\"") + "/>";
    }

    private static String rect(double x, double y, double w, double h, String colour) {
        return "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) + "\" fill=\"" + colour + "\"/>";
    }

    private static String text(double x, double y, String anchor, String s) {
        return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"11\" fill=\"#374151\">"
                + Html.text(s) + "</text>";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
