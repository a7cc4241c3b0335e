package dev.btrbot.domain;

import java.util.regex.Pattern;

/**
 * A branch or tag name that is safe to hand to git: the rules of
 * {@code git check-ref-format} (no empty component, no component starting
 * with '.' or ending with '.lock', no "..", not ending with '.'), and never
 * starting with '-' so it cannot be read as an option.
 */
public record GitRefName(String value) {
    private static final Pattern CHARS = Pattern.compile("[A-Za-z0-9._/+-]{1,200}");

    public GitRefName {
        if (value == null || !CHARS.matcher(value).matches() || value.startsWith("-") || value.endsWith(".")
                || value.contains("..") || !componentsFollowGitRules(value)) {
            throw new Refusal("'" + Text.clip(value) + "' is not a valid branch or tag name.");
        }
    }

    private static boolean componentsFollowGitRules(String value) {
        for (String component : value.split("/", -1)) {
            if (component.isEmpty() || component.startsWith(".") || component.endsWith(".lock")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
