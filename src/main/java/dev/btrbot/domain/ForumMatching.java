package dev.btrbot.domain;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which active releases a forum post is about. A post names a release when its topic title or excerpt contains,
 * as whole words in any case, the release's name (its dots may be written as spaces: "Koa.2", "koa 2"), its branch,
 * its final tag, one of its release-candidate tags, or an alias a manager added. "koa.20" and "koa.2a" do not name
 * koa.2. A post in an install-problems category that names no release goes to the active release whose target date
 * is nearest to the post (a release without a target date last). Pure.
 */
public final class ForumMatching {
    private final List<Watched> releases;
    private final List<Pattern> patterns;
    private final Set<Integer> installCategories;

    /** An active release as the forum watch sees it: the release and the aliases its managers added. */
    public record Watched(Release release, List<String> aliases) {
        public Watched {
            Objects.requireNonNull(release);
            aliases = List.copyOf(aliases);
        }
    }

    public ForumMatching(List<Watched> releases, Set<Integer> installCategories) {
        this.releases = List.copyOf(releases);
        this.patterns = this.releases.stream().map(ForumMatching::pattern).toList();
        this.installCategories = Set.copyOf(installCategories);
    }

    /** The releases {@code post} is about; empty when none. */
    public List<ReleaseName> releasesOf(ForumPost post) {
        String text = post.topicTitle() + "\n" + post.excerpt();
        List<ReleaseName> named = new ArrayList<>();
        for (int i = 0; i < releases.size(); i++) {
            if (patterns.get(i).matcher(text).find()) {
                named.add(releases.get(i).release().name());
            }
        }
        if (!named.isEmpty() || post.categoryId() == null || !installCategories.contains(post.categoryId())) {
            return named;
        }
        LocalDate day = LocalDate.ofInstant(post.createdAt(), ZoneOffset.UTC);
        return releases.stream().map(Watched::release)
                .min(Comparator.comparing((Release r) -> r.target() == null)
                        .thenComparing(r -> r.target() == null ? 0 : Math.abs(Duration.between(day.atStartOfDay(),
                                r.target().atStartOfDay()).toDays()))
                        .thenComparing(r -> r.name().value()))
                .map(r -> List.of(r.name())).orElse(List.of());
    }

    /** Every way of naming the release, each as whole words, in one case-insensitive pattern. */
    static Pattern pattern(Watched w) {
        Release r = w.release();
        List<String> terms = new ArrayList<>();
        terms.add(name(r.name().value()));
        terms.add(Pattern.quote(r.branch().value()));
        terms.add(Pattern.quote(r.finalTag().value()));
        terms.add(rcTags(r));
        for (String alias : w.aliases()) {
            terms.add(words(alias));
        }
        // not inside a longer word or number: "koa.20", "xkoa.2", "koa.2a", "koa.2.1" name no koa.2
        return Pattern.compile("(?<![\\p{Alnum}])(?:" + String.join("|", terms) + ")(?![\\p{Alnum}])(?![._-]\\p{Alnum})",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The release's name, a dot in it also matching a space ("koa 2"). */
    private static String name(String name) {
        StringBuilder p = new StringBuilder();
        for (String part : name.split("\\.", -1)) {
            if (p.length() > 0) {
                p.append("[ .]");
            }
            p.append(Pattern.quote(part));
        }
        return p.toString();
    }

    /**
     * The release-candidate tags, any number: the rc template with its number as digits, also without the tag's
     * folders ("koa.2rc1" for "open-release/koa.2rc1"), as people write them.
     */
    private static String rcTags(Release r) {
        String marker = "\u0000";
        String full = r.rcTemplate().pattern().replace("{release}", r.name().value()).replace("{tag}", r.finalTag().value())
                .replace("{n}", marker);
        String last = full.substring(full.lastIndexOf('/') + 1);
        return digits(full, marker) + (last.equals(full) || !last.contains(marker) ? "" : "|" + digits(last, marker));
    }

    private static String digits(String pattern, String marker) {
        StringBuilder p = new StringBuilder();
        String[] parts = pattern.split(marker, -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                p.append("[0-9]+");
            }
            if (!parts[i].isEmpty()) {
                p.append(Pattern.quote(parts[i]));
            }
        }
        return p.toString();
    }

    /** An alias, its words separated by any whitespace. */
    private static String words(String alias) {
        List<String> quoted = new ArrayList<>();
        for (String word : alias.strip().toLowerCase(Locale.ROOT).split("\\s+")) {
            quoted.add(Pattern.quote(word));
        }
        return String.join("\\s+", quoted);
    }
}
