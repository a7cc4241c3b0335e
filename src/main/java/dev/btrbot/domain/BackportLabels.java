package dev.btrbot.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which pull-request labels ask for a change on a release's branch, as patterns: {@code <release>} stands for the
 * release's name or its series (the name up to its first '.': {@code koa.2} and {@code koa}), {@code <branch>} for
 * its release branch. Labels match case-insensitively, as GitHub compares them. The defaults cover Open edX's
 * {@code backport koa}, {@code needs backport to open-release/koa.master} and {@code affects:koa.2}.
 */
public record BackportLabels(List<String> patterns) {
    static final int MAX_PATTERNS = 10;
    private static final java.util.regex.Pattern PATTERN = java.util.regex.Pattern.compile("[^,\"\\p{Cntrl}]{1,100}");
    public static final BackportLabels DEFAULT =
            new BackportLabels(List.of("backport <release>", "needs backport to <branch>", "affects:<release>"));

    public BackportLabels {
        patterns = patterns.stream().map(String::strip).toList();
        if (patterns.isEmpty() || patterns.size() > MAX_PATTERNS) {
            throw new Refusal("Give between 1 and " + MAX_PATTERNS + " label patterns, separated by commas.");
        }
        for (String p : patterns) {
            if (!PATTERN.matcher(p).matches() || p.isBlank()) {
                throw new Refusal("'" + Text.clip(p) + "' is not a label pattern (up to 100 characters, no quotes or control"
                        + " characters; <release> and <branch> are replaced).");
            }
        }
    }

    /** Patterns as a person types them: comma-separated, or {@code default}. */
    public static BackportLabels parse(String text) {
        if (text.strip().equalsIgnoreCase("default")) {
            return DEFAULT;
        }
        return new BackportLabels(List.of(text.split(",", -1)));
    }

    /** The concrete label names these patterns stand for on a release, lower case, each once. */
    public List<String> labelsFor(ReleaseName release, GitRefName branch) {
        Set<String> labels = new LinkedHashSet<>();
        for (String p : patterns) {
            String withBranch = p.replace("<branch>", branch.value());
            for (String name : names(release)) {
                labels.add(withBranch.replace("<release>", name).toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(labels);
    }

    /** Whether a label (or a trailer's value) names this release: its name, its series or its branch, in any case. */
    public static boolean namesRelease(String value, ReleaseName release, GitRefName branch) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return names(release).contains(v) || v.equals(branch.value().toLowerCase(Locale.ROOT));
    }

    private static List<String> names(ReleaseName release) {
        List<String> names = new ArrayList<>(List.of(release.value()));
        int dot = release.value().indexOf('.');
        if (dot > 0) {
            names.add(release.value().substring(0, dot));
        }
        return names;
    }

    public String shown() {
        return String.join(", ", patterns);
    }
}
