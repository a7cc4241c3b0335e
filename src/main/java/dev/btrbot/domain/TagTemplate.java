package dev.btrbot.domain;

/**
 * A tag name pattern. {@code {release}} is the release name; in a
 * release-candidate template {@code {tag}} is the final tag and {@code {n}}
 * the candidate number. The expanded name must be a valid git ref.
 */
public record TagTemplate(String pattern) {
    public static final TagTemplate DEFAULT_TAG = new TagTemplate("{release}");
    public static final TagTemplate DEFAULT_RC = new TagTemplate("{tag}rc{n}");

    public TagTemplate {
        if (pattern == null || pattern.isBlank() || pattern.length() > 120) {
            throw new Refusal("A tag template must not be empty (e.g. open-release/{release}).");
        }
        String probe = pattern.replace("{release}", "koa.2").replace("{tag}", "koa.2").replace("{n}", "1");
        if (probe.contains("{") || probe.contains("}")) {
            throw new Refusal("'" + Text.clip(pattern) + "' may only use {release}, {tag} and {n}.");
        }
        new GitRefName(probe);
    }

    public GitRefName finalTag(ReleaseName release) {
        return new GitRefName(pattern.replace("{release}", release.value()));
    }

    public GitRefName rcTag(ReleaseName release, GitRefName finalTag, int n) {
        return new GitRefName(pattern.replace("{release}", release.value()).replace("{tag}", finalTag.value())
                .replace("{n}", Integer.toString(n)));
    }
}
