package dev.btrbot.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How release notes group pull requests, after GitHub's {@code .github/release.yml}:
 * a change goes to the first category one of whose labels it carries
 * ({@code *} matches every change) unless it carries one of that category's
 * excluded labels; a change carrying a globally excluded label, or by an
 * excluded author, is left out. A change no category takes is listed under
 * "Other Changes", never dropped. Labels compare case-insensitively.
 */
public record NotesCategories(List<Category> categories, Set<String> excludeLabels, Set<String> excludeAuthors) {
    public static final String CATCH_ALL = "*";
    public static final String UNMATCHED = "Other Changes";

    /** Breaking, Features, Fixes, and Other for the rest. */
    public static final NotesCategories DEFAULT = new NotesCategories(List.of(
            new Category("Breaking", List.of("breaking", "breaking-change", "breaking change", "semver-major"), List.of()),
            new Category("Features", List.of("feature", "enhancement", "feat"), List.of()),
            new Category("Fixes", List.of("bug", "fix", "bugfix"), List.of()),
            new Category("Other", List.of(CATCH_ALL), List.of())), Set.of(), Set.of());

    /** One heading; {@code labels} may hold {@code *}. */
    public record Category(String title, List<String> labels, List<String> excludeLabels) {
        public Category {
            if (title == null || title.isBlank() || title.length() > 100) {
                throw new Refusal("A release-notes category needs a title of at most 100 characters.");
            }
            title = Text.oneLine(title.strip());
            labels = lower(labels);
            excludeLabels = lower(excludeLabels);
            if (labels.isEmpty()) {
                throw new Refusal("The release-notes category '" + title + "' names no labels (use \"*\" for every change).");
            }
        }

        boolean takes(Change change) {
            Set<String> carried = change.labels().stream().map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            if (excludeLabels.stream().anyMatch(carried::contains)) {
                return false;
            }
            return labels.contains(CATCH_ALL) || labels.stream().anyMatch(carried::contains);
        }
    }

    public NotesCategories {
        categories = List.copyOf(categories);
        excludeLabels = Set.copyOf(lower(List.copyOf(excludeLabels)));
        excludeAuthors = Set.copyOf(lower(List.copyOf(excludeAuthors)));
        if (categories.isEmpty()) {
            throw new Refusal("Release-notes categories name at least one category.");
        }
    }

    /** The title of the category a change goes to, or null when it is left out. */
    public String categoryOf(Change change) {
        Objects.requireNonNull(change);
        boolean excluded = change.labels().stream().anyMatch(l -> excludeLabels.contains(l.toLowerCase(Locale.ROOT)))
                || excludeAuthors.contains(change.author().toLowerCase(Locale.ROOT));
        if (excluded) {
            return null;
        }
        return categories.stream().filter(c -> c.takes(change)).map(Category::title).findFirst().orElse(UNMATCHED);
    }

    /** The headings in the order the notes show them ("Other Changes" last, when no category catches all). */
    public List<String> order() {
        List<String> titles = new java.util.ArrayList<>(categories.stream().map(Category::title).toList());
        if (!titles.contains(UNMATCHED)) {
            titles.add(UNMATCHED);
        }
        return titles.stream().distinct().toList();
    }

    private static List<String> lower(List<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).map(v -> v.strip().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty()).distinct().toList();
    }
}
