package dev.btrbot.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pull request of one of a release's repositories. A command names it as
 * {@code 123} when the release has one repository, else as
 * {@code <repo-name>#123}, {@code org/repo#123} or the pull request's web URL
 * ({@code https://github.com/org/repo/pull/123}); anything else is refused, so
 * nothing but a repository of the release and a number goes further.
 */
public record PullRequestRef(RepoRef repo, int number) {
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern BY_NAME = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.-]{0,99})#([0-9]{1,9})");
    private static final Pattern BY_SLUG = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.-]{0,99}/[A-Za-z0-9_.-]{1,100})#([0-9]{1,9})");
    private static final Pattern BY_URL =
            Pattern.compile("(https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)/pull/([0-9]{1,9})/?");

    public PullRequestRef {
        if (repo == null || number < 1) {
            throw new Refusal("A pull request number is a whole number from 1 on.");
        }
    }

    /** The pull request {@code text} names among {@code release}'s repositories. */
    public static PullRequestRef parse(String text, Release release) {
        String given = text == null ? "" : text.strip();
        Matcher m;
        if (NUMBER.matcher(given).matches()) {
            if (release.repos().size() != 1) {
                throw new Refusal(release.name() + " has " + release.repos().size() + " repositories: say which, as <repo>#"
                        + given + " (" + names(release) + ").");
            }
            return new PullRequestRef(release.repos().get(0), Integer.parseInt(given));
        }
        if ((m = BY_NAME.matcher(given)).matches()) {
            return new PullRequestRef(release.repo(m.group(1)), Integer.parseInt(m.group(2)));
        }
        if ((m = BY_SLUG.matcher(given)).matches()) {
            String slug = m.group(1);
            return new PullRequestRef(release.repos().stream()
                    .filter(r -> r.gitHubSlug().map(s -> s.equalsIgnoreCase(slug)).orElse(false)).findFirst()
                    .orElseThrow(() -> notOfRelease(given, release)), Integer.parseInt(m.group(2)));
        }
        if ((m = BY_URL.matcher(given)).matches()) {
            String web = m.group(1).toLowerCase(Locale.ROOT);
            return new PullRequestRef(release.repos().stream()
                    .filter(r -> withoutGitSuffix(r.url()).toLowerCase(Locale.ROOT).equals(web)).findFirst()
                    .orElseThrow(() -> notOfRelease(given, release)), Integer.parseInt(m.group(2)));
        }
        throw new Refusal("'" + Text.clip(given) + "' is not a pull request: give its number (123, when the release has one"
                + " repository), <repo>#123, org/repo#123 or its URL.");
    }

    /** How people write it: {@code edx-platform#6213}. */
    public String label() {
        return repo.name() + "#" + number;
    }

    /** Its page on GitHub, for a github.com repository. */
    public Optional<String> webUrl() {
        return repo.gitHubSlug().map(slug -> "https://github.com/" + slug + "/pull/" + number);
    }

    private static Refusal notOfRelease(String given, Release release) {
        return new Refusal("'" + Text.clip(given) + "' is not a pull request of " + release.name() + "'s repositories ("
                + names(release) + ").");
    }

    private static String names(Release release) {
        return String.join(", ", release.repos().stream().map(RepoRef::name).toList());
    }

    private static String withoutGitSuffix(String url) {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return trimmed.endsWith(".git") ? trimmed.substring(0, trimmed.length() - 4) : trimmed;
    }

    @Override
    public String toString() {
        return label();
    }
}
