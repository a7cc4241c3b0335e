package dev.btrbot.adapter.github;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The issue searches a release's blockers take, planned without asking
 * GitHub anything: one search per selector (milestone, label), state (all;
 * or open, and closed within the window) and kind. GitHub refuses (422) an
 * issue search that names neither {@code is:issue} nor {@code is:pull-request},
 * and a pull request can block too, so each kind is searched on its own. A
 * query holds at most 256 characters: repositories are named by
 * {@code repo:} terms while they fit, else by owner ({@code user:}, the
 * results then filtered to the release's repositories), else the
 * repositories are spread over several queries.
 */
final class IssueQueries {
    static final int MAX_QUERY = 256;
    /** GitHub answers 422 to an issue search that names neither; each is searched on its own. */
    static final List<String> KINDS = List.of(" is:issue", " is:pull-request");

    private IssueQueries() {
    }

    /** The selector terms of a release: its milestone, its label, or both (each searched apart). */
    static List<String> selectors(String milestone, String label) {
        List<String> selectors = new ArrayList<>();
        if (milestone != null) {
            selectors.add("milestone:" + quoted(milestone));
        }
        if (label != null) {
            selectors.add("label:" + quoted(label));
        }
        return selectors;
    }

    /**
     * The state terms: none (every issue, however long ago it closed) when
     * {@code closedWindow} is zero; else {@code is:open} and
     * {@code is:closed closed:>=DATE}. DATE moves a week at a time, so the
     * closed search's text, and with it its ETag, stays the same all week: an
     * issue closed up to six days before the window still shows.
     */
    static List<String> states(Duration closedWindow, Instant now) {
        if (closedWindow.isZero()) {
            return List.of("");
        }
        LocalDate since = LocalDate.ofInstant(now.minus(closedWindow), ZoneOffset.UTC);
        since = since.minusDays(Math.floorMod(since.toEpochDay(), 7));
        return List.of(" is:open", " is:closed closed:>=" + since);
    }

    /** Every term list to search with, selector by selector (the caller notes a selector no issue carries). */
    static List<List<String>> terms(List<String> selectors, List<String> states) {
        List<List<String>> bySelector = new ArrayList<>();
        for (String selector : selectors) {
            List<String> terms = new ArrayList<>();
            for (String state : states) {
                for (String kind : KINDS) {
                    terms.add(selector + state + kind);
                }
            }
            bySelector.add(terms);
        }
        return bySelector;
    }

    /** {@code repo:} terms when they fit in GitHub's 256 characters, else {@code user:} terms, else several queries. */
    static List<String> queries(List<String> slugs, String terms) {
        String repos = String.join(" ", slugs.stream().map(s -> "repo:" + s).toList());
        if (repos.length() + terms.length() + 1 <= MAX_QUERY) {
            return List.of(repos + " " + terms);
        }
        Set<String> owners = new LinkedHashSet<>();
        slugs.forEach(s -> owners.add(s.substring(0, s.indexOf('/'))));
        String users = String.join(" ", owners.stream().map(o -> "user:" + o).toList());
        if (users.length() + terms.length() + 1 <= MAX_QUERY) {
            return List.of(users + " " + terms);
        }
        List<String> out = new ArrayList<>();
        StringBuilder q = new StringBuilder();
        for (String s : slugs) {
            String term = "repo:" + s;
            if (q.length() > 0 && q.length() + term.length() + terms.length() + 2 > MAX_QUERY) {
                out.add(q + " " + terms);
                q.setLength(0);
            }
            q.append(q.length() == 0 ? "" : " ").append(term);
        }
        out.add(q + " " + terms);
        return out;
    }

    /** The query with its moving closed date taken out: last week's result stands in for this week's search. */
    static String undated(String query) {
        return query.replaceAll("closed:>=\\S+", "");
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\"", "") + "\"";
    }
}
