package dev.btrbot.domain;

import java.util.regex.Pattern;

/**
 * A release's name, such as {@code koa.2}: letters, digits, '.', '_' and '-', starting with a letter or digit.
 * Names are case-insensitive: {@code Koa.2} and {@code koa.2} are one release, kept in lower case.
 */
public record ReleaseName(String value) implements Comparable<ReleaseName> {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public ReleaseName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new Refusal("'" + Text.clip(value) + "' is not a release name (letters, digits, '.', '_', '-'; e.g. koa.2).");
        }
        value = canonical(value);
    }

    /** The one stored form of a valid name: lower case. */
    public static String canonical(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public int compareTo(ReleaseName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
