package dev.btrbot.core.command;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ParseResult;

/** The parsed words of one command. */
public final class Args {
    private final ParseResult result;

    Args(ParseResult result) {
        this.result = result;
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
