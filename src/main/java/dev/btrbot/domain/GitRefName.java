package dev.btrbot.domain;

import java.util.regex.Pattern;

/**
 * A branch or tag name that is safe to hand to git: the rules of
 * {@code git check-ref-format}, and never starting with '-' so it cannot be
 * read as an option.
 */
public record GitRefName(String value) {
    private static final Pattern CHARS = Pattern.compile("[A-Za-z0-9._/+-]{1,200}");

    public GitRefName {
        if (value == null || !CHARS.matcher(value).matches() || value.startsWith("-") || value.startsWith("/")
                || value.endsWith("/") || value.endsWith(".") || value.endsWith(".lock") || value.contains("..")
                || value.contains("//") || value.contains("/.") || value.startsWith(".")) {
            throw new Refusal("'" + Text.clip(value) + "' is not a valid branch or tag name.");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
