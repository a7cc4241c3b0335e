package dev.btrbot.domain;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pull request of one of a release's repositories, as a person names it in a command: {@code 123} when the
 * release has one repository, else {@code <repo-name>#123}, {@code org/repo#123} or the pull request's URL
 * ({@code https://github.com/org/repo/pull/123}). Anything else is refused.
 */
public record PullRequestRef(RepoRef repo, int number) {
    private static final Pattern NUMBER = Pattern.compile("#?([1-9][0-9]{0,8})");
    private static final Pattern QUALIFIED = Pattern.compile("([A-Za-z0-9_.-]{1,100}(?:/[A-Za-z0-9_.-]{1,100})?)#([1-9][0-9]{0,8})");
    private static final Pattern URL =
            Pattern.compile("(https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?)/([A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100})/pull/([1-9][0-9]{0,8})/?");

    public PullRequestRef {
        java.util.Objects.requireNonNull(repo);
        if (number < 1) {
            throw new Refusal("A pull request number is positive.");
        }
    }

    public static PullRequestRef parse(String text, List<RepoRef> repos) {
        String t = text == null ? "" : text.strip();
        Matcher m;
        if ((m = NUMBER.matcher(t)).matches()) {
            if (repos.size() != 1) {
                throw new Refusal("'" + Text.clip(t) + "' does not say which repository: name it as <repo>#" + m.group(1)
                        + " (" + String.join(", ", repos.stream().map(RepoRef::name).toList()) + ").");
            }
            return new PullRequestRef(repos.get(0), Integer.parseInt(m.group(1)));
        }
        if ((m = URL.matcher(t)).matches()) {
            // a pull request's page must be on the host the repository is on: github.com/o/r is not evil.example/o/r
            String page = (m.group(1) + "/" + m.group(2)).toLowerCase(java.util.Locale.ROOT);
            int number = Integer.parseInt(m.group(3));
            for (RepoRef r : repos) {
                if (r.url().toLowerCase(java.util.Locale.ROOT).replaceAll("/$", "").replaceAll("\\.git$", "").equals(page)) {
                    return new PullRequestRef(r, number);
                }
            }
            throw new Refusal("'" + Text.clip(t) + "' is not a pull request of this release's repositories ("
                    + String.join(", ", repos.stream().map(RepoRef::name).toList()) + ").");
        }
        m = QUALIFIED.matcher(t);
        if (!m.matches()) {
            throw new Refusal("'" + Text.clip(t) + "' is not a pull request: give 123 (one repository), <repo>#123,"
                    + " org/repo#123 or the pull request's URL.");
        }
        String name = m.group(1);
        int number = Integer.parseInt(m.group(2));
        for (RepoRef r : repos) {
            String slug = r.gitHubSlug().orElse(null);
            boolean bySlug = name.contains("/") && (name.equalsIgnoreCase(slug) || r.url().toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("\\.git$", "").endsWith("/" + name.toLowerCase(java.util.Locale.ROOT)));
            if (bySlug || !name.contains("/") && r.name().equalsIgnoreCase(name)) {
                return new PullRequestRef(r, number);
            }
        }
        throw new Refusal("'" + Text.clip(name) + "' is not a repository of this release ("
                + String.join(", ", repos.stream().map(RepoRef::name).toList()) + ").");
    }

    /** The pull request {@code text} names among {@code release}'s repositories. */
    public static PullRequestRef parse(String text, Release release) {
        return parse(text, release.repos());
    }

    /** How people write it: {@code edx-platform#6213}. */
    public String label() {
        return repo.name() + "#" + number;
    }

    /** Its page on GitHub, for a github.com repository. */
    public java.util.Optional<String> webUrl() {
        return repo.gitHubSlug().map(slug -> "https://github.com/" + slug + "/pull/" + number);
    }

    @Override
    public String toString() {
        return label();
    }

    /** {@code org/repo#123} for a GitHub repository, else {@code repo#123}. */
    public String shown() {
        return repo.gitHubSlug().orElse(repo.name()) + "#" + number;
    }

    /** How a command names it on a release with {@code repoCount} repositories: {@code 123} or {@code repo#123}. */
    public String argument(int repoCount) {
        return repoCount == 1 ? Integer.toString(number) : repo.name() + "#" + number;
    }
}
