package dev.btrbot.domain;

import java.util.regex.Pattern;

/**
 * A repository of a release, as a git URL. {@code org/name} is shorthand for
 * the GitHub https URL; {@code https://}, {@code ssh://}, {@code file://} URLs
 * and absolute paths are taken as they are; a host starting with '-' is
 * refused (ssh would read it as an option).
 *
 * <p>Credentials never come in through a URL: {@link #given} refuses one that
 * carries them (git finds them itself, in a credential helper or an SSH key).
 * A URL stored before that rule keeps working for git ({@link #url}), and is
 * only ever shown without its secret ({@link #shown}, {@link #toString}).
 */
public record RepoRef(String url) implements Comparable<RepoRef> {
    private static final Pattern SHORTHAND = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}/[A-Za-z0-9_.-]{1,100}");
    private static final Pattern URL = Pattern.compile("(https|ssh|file)://[A-Za-z0-9@:%._+~/=-]+");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9%._+~/=-]+");

    public RepoRef {
        if (url == null || url.contains("..") && !url.startsWith("/")) {
            throw invalid(url);
        }
        if (SHORTHAND.matcher(url).matches()) {
            url = "https://github.com/" + url + ".git";
        } else if (!URL.matcher(url).matches() && !PATH.matcher(url).matches() || hostLooksLikeAnOption(url)) {
            throw invalid(url);
        }
    }

    /** {@code ssh://-oProxyCommand=…} or {@code ssh://user@-host}: git would hand the host to ssh, which reads it as an option. */
    private static boolean hostLooksLikeAnOption(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return false;
        }
        String rest = url.substring(scheme + 3);
        String authority = rest.indexOf('/') < 0 ? rest : rest.substring(0, rest.indexOf('/'));
        return authority.startsWith("-") || authority.substring(authority.lastIndexOf('@') + 1).startsWith("-");
    }

    /** A repository as a person names it: refused when its URL carries credentials ({@code https://user:TOKEN@host/…}). */
    public static RepoRef given(String text) {
        if (Text.hasCredentials(text)) {
            throw new Refusal("'" + Text.clip(text) + "' carries credentials, which would be stored and shown: give the URL"
                    + " without them and let git find them (a credential helper for https, e.g. git config --global"
                    + " credential.helper store; or an SSH key, ssh://git@host/org/name).");
        }
        return new RepoRef(text);
    }

    /** The URL as it may be shown: a secret in its userinfo (from before credentials were refused) is hidden. */
    public String shown() {
        return Text.withoutCredentials(url);
    }

    private static Refusal invalid(String url) {
        return new Refusal("'" + Text.clip(url) + "' is not a repository (org/name, an https:// or file:// URL, or an absolute path).");
    }

    /** The last path segment without {@code .git}: how people name the repo in commands. */
    public String name() {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return last.endsWith(".git") ? last.substring(0, last.length() - 4) : last;
    }

    /** The GitHub {@code owner/name}, when this is a github.com repository. */
    public java.util.Optional<String> gitHubSlug() {
        String prefix = "https://github.com/";
        if (!url.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        String rest = url.substring(prefix.length());
        return java.util.Optional.of(rest.endsWith(".git") ? rest.substring(0, rest.length() - 4) : rest);
    }

    @Override
    public int compareTo(RepoRef o) {
        return url.compareTo(o.url);
    }

    /** Shown, never the secret: see {@link #shown}. */
    @Override
    public String toString() {
        return shown();
    }
}
