package dev.btrbot.core.command;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ParseResult;

/** The parsed words of one command. */
public final class Args {
    private final ParseResult result;
    private final java.util.Set<String> keywords;

    Args(ParseResult result, java.util.Set<String> keywords) {
        this.result = result;
        this.keywords = java.util.Set.copyOf(keywords);
    }

    /** Whether a {@link Syntax#keyword} was given. */
    public boolean has(String keyword) {
        return keywords.contains(keyword);
    }

    /** A positional word by its label. */
    public String get(String label) {
        return word(label).orElseThrow(() -> new IllegalStateException("no word " + label));
    }

    public Optional<String> word(String label) {
        return result.matchedPositionals().stream().filter(p -> p.paramLabel().equals("<" + label + ">"))
                .map(p -> p.<Object>getValue()).filter(v -> v instanceof String).map(String.class::cast).findFirst();
    }

    public List<String> rest(String label) {
        return result.matchedPositionals().stream().filter(p -> p.paramLabel().equals("<" + label + ">"))
                .map(p -> p.<List<String>>getValue()).findFirst().orElse(List.of());
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(result.matchedOptionValue(name, null));
    }

    public boolean flag(String name) {
        return result.hasMatchedOption(name);
    }
}
