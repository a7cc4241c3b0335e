package dev.btrbot.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The release notes of a candidate, drafted from what each repository brings
 * since the previous release. Per repository: its pull requests by category,
 * then the cherry-picks onto the release branch (each original once, and not
 * again among the categories); then the blockers fixed and the contributors.
 * Markdown kept within GitHub's release-body limit: a draft longer than that
 * falls back to the counts and a compare link per repository. Pure.
 */
public final class ReleaseNotes {
    /** GitHub refuses a release body longer than this many characters. */
    public static final int GITHUB_BODY_LIMIT = 125_000;
    public static final String CHERRY_PICKS = "Cherry-picked to the release branch";

    private ReleaseNotes() {
    }

    /** One repository's entries, grouped. */
    public record RepoSection(RepoChanges changes, Map<String, List<Change>> byCategory, List<CherryPick> picks) {
        public RepoSection {
            Map<String, List<Change>> copy = new LinkedHashMap<>();
            byCategory.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            byCategory = java.util.Collections.unmodifiableMap(copy);
            picks = List.copyOf(picks);
        }
    }

    /**
     * @param counts        entries per category over every repository, in the notes' order (cherry-picks last)
     * @param fellBack      true when the full notes were over the limit and only counts and compare links are shown
     * @param contributors  authors, each once, by name (GitHub logins with their {@code @})
     */
    public record Draft(ReleaseName release, String candidateId, List<RepoSection> repos, List<Blocker> blockersFixed,
                        List<String> contributors, Map<String, Integer> counts, String markdown, boolean fellBack) {
        public Draft {
            repos = List.copyOf(repos);
            blockersFixed = List.copyOf(blockersFixed);
            contributors = List.copyOf(contributors);
            counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }

        /** "3 Features, 2 Fixes, 1 cherry-pick": the counts that are not zero. */
        public String summary() {
            List<String> parts = new ArrayList<>();
            counts.forEach((title, n) -> {
                if (n > 0) {
                    parts.add(n + " " + (title.equals(CHERRY_PICKS) ? (n == 1 ? "cherry-pick" : "cherry-picks") : title));
                }
            });
            return parts.isEmpty() ? "no changes" : String.join(", ", parts);
        }
    }

    public static Draft draft(ReleaseName release, Candidate candidate, List<RepoChanges> repos, NotesCategories categories,
                              List<Blocker> blockersFixed) {
        return draft(release, candidate, repos, categories, blockersFixed, GITHUB_BODY_LIMIT);
    }

    /** @param limit the longest the Markdown may be (GitHub's {@value #GITHUB_BODY_LIMIT}, or less in a test) */
    public static Draft draft(ReleaseName release, Candidate candidate, List<RepoChanges> repos, NotesCategories categories,
                              List<Blocker> blockersFixed, int limit) {
        Objects.requireNonNull(candidate);
        List<RepoSection> sections = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        categories.order().forEach(t -> counts.put(t, 0));
        counts.put(CHERRY_PICKS, 0);
        Set<String> contributors = new LinkedHashSet<>();
        for (RepoChanges rc : repos) {
            Set<String> picked = new java.util.HashSet<>();
            List<CherryPick> picks = new ArrayList<>();
            for (CherryPick p : rc.picks()) {
                if (picked.add(p.original().key()) && categories.categoryOf(p.original()) != null) {
                    picks.add(p);
                    contributors.add(author(p.original()));
                }
            }
            Map<String, List<Change>> byCategory = new LinkedHashMap<>();
            categories.order().forEach(t -> byCategory.put(t, new ArrayList<>()));
            Set<String> seen = new java.util.HashSet<>(picked);
            for (Change c : rc.changes()) {
                String category = categories.categoryOf(c);
                if (category == null || !seen.add(c.key())) {
                    continue;
                }
                byCategory.get(category).add(c);
                contributors.add(author(c));
            }
            byCategory.forEach((t, list) -> counts.merge(t, list.size(), Integer::sum));
            counts.merge(CHERRY_PICKS, picks.size(), Integer::sum);
            sections.add(new RepoSection(rc, byCategory, picks));
        }
        List<String> people = contributors.stream().filter(a -> !a.isBlank())
                .sorted(java.util.Comparator.comparing((String a) -> a.replaceFirst("^@", "").toLowerCase(java.util.Locale.ROOT))).toList();
        String full = markdown(release, candidate, sections, blockersFixed, people, false);
        boolean fellBack = full.length() > limit;
        String md = fellBack ? fit(markdown(release, candidate, sections, blockersFixed, people, true), limit) : full;
        return new Draft(release, candidate.id(), sections, blockersFixed, people, counts, md, fellBack);
    }

    private static String author(Change c) {
        return c.gitHubLogin() ? "@" + c.author() : c.author();
    }

    private static String markdown(ReleaseName release, Candidate candidate, List<RepoSection> sections, List<Blocker> fixed,
                                   List<String> contributors, boolean linksOnly) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(release).append(" release notes\n\n");
        md.append("Candidate ").append(candidate.shortId()).append(".\n");
        if (linksOnly) {
            md.append("\nThe full notes are longer than GitHub's ").append(GITHUB_BODY_LIMIT)
                    .append("-character limit; each repository's changes are behind its compare link.\n");
        }
        for (RepoSection s : sections) {
            RepoChanges rc = s.changes();
            md.append("\n## ").append(rc.repo().gitHubSlug().orElse(rc.repo().name())).append("\n\n");
            md.append("Since `").append(rc.fromTag()).append("` (").append(rc.tagChosen()).append(") to `")
                    .append(rc.to().shortId()).append("`: ").append(rc.compareLink()).append("\n");
            if (linksOnly) {
                List<String> parts = new ArrayList<>();
                s.byCategory().forEach((t, list) -> {
                    if (!list.isEmpty()) {
                        parts.add(list.size() + " " + t);
                    }
                });
                if (!s.picks().isEmpty()) {
                    parts.add(s.picks().size() + " cherry-picked");
                }
                md.append("\n").append(parts.isEmpty() ? "No changes." : String.join(", ", parts) + ".").append("\n");
                continue;
            }
            boolean any = false;
            for (Map.Entry<String, List<Change>> e : s.byCategory().entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                any = true;
                md.append("\n### ").append(e.getKey()).append("\n\n");
                e.getValue().forEach(c -> md.append("- ").append(line(rc, c)).append("\n"));
            }
            if (!s.picks().isEmpty()) {
                any = true;
                md.append("\n### ").append(CHERRY_PICKS).append("\n\n");
                for (CherryPick p : s.picks()) {
                    md.append("- ").append(line(rc, p.original())).append(" — picked as ").append(p.picked().shortId())
                            .append(" (").append(p.how().label()).append(")\n");
                }
            }
            if (!any) {
                md.append("\nNo changes.\n");
            }
        }
        if (!fixed.isEmpty()) {
            md.append("\n## Blockers fixed\n\n");
            fixed.forEach(b -> md.append("- ").append(Text.oneLine(b.title())).append(" (").append(b.url()).append(")\n"));
        }
        if (!contributors.isEmpty()) {
            md.append("\n## Contributors\n\n").append(String.join(", ", contributors)).append("\n");
        }
        return md.toString();
    }

    private static String line(RepoChanges rc, Change c) {
        String ref = c.pr() > 0 ? rc.prRef(c.pr()) : c.sha().shortId();
        String by = c.author().isBlank() ? "" : ", " + author(c);
        return Text.oneLine(c.title()) + " (" + ref + by + ")";
    }

    /** Even the compare links may not fit (thousands of contributors): cut at a line, saying so. */
    private static String fit(String md, int limit) {
        if (md.length() <= limit) {
            return md;
        }
        String cut = "\n… (cut at GitHub's limit)\n";
        int end = md.lastIndexOf('\n', Math.max(0, limit - cut.length()));
        return md.substring(0, Math.max(0, end)) + cut;
    }
}
