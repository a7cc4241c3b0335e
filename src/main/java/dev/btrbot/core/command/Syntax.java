package dev.btrbot.core.command;

import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Text;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * A command's words, options and usage line, declared once. Parsing is
 * picocli's; the usage line is written from the same declaration, so the two
 * cannot disagree.
 */
public final class Syntax {
    private final String name;
    private final List<Param> params = new ArrayList<>();

    private Syntax(String name) {
        this.name = name;
    }

    public static Syntax of(String name) {
        return new Syntax(name);
    }

    private record Param(String label, boolean positional, boolean required, boolean takesValue, boolean rest, String shownAs,
                         boolean keyword) {
        Param(String label, boolean positional, boolean required, boolean takesValue, boolean rest, String shownAs) {
            this(label, positional, required, takesValue, rest, shownAs, false);
        }
    }

    /** A required word, e.g. {@code <release>}. */
    public Syntax arg(String label) {
        params.add(new Param(label, true, true, true, false, "<" + label + ">"));
        return this;
    }

    /** A required word shown as fixed alternatives, e.g. {@code pass|fail}. */
    public Syntax choice(String label, String shownAs) {
        params.add(new Param(label, true, true, true, false, shownAs));
        return this;
    }

    public Syntax optionalArg(String label) {
        params.add(new Param(label, true, false, true, false, "[<" + label + ">]"));
        return this;
    }

    /** All remaining words, e.g. free-text notes. */
    public Syntax rest(String label) {
        params.add(new Param(label, true, false, true, true, "[" + label + "…]"));
        return this;
    }

    /**
     * A fixed word that may stand at this place among the words, e.g. {@code [remove]}
     * in {@code blocker fix <release> <blocker> [remove] <repo> <sha>}; {@link Args#has} tells whether it was given.
     */
    public Syntax keyword(String word) {
        params.add(new Param(word, true, false, false, false, "[" + word + "]", true));
        return this;
    }

    /** All remaining words, at least one, e.g. a reason that must be given. */
    public Syntax requiredRest(String label) {
        params.add(new Param(label, true, true, true, true, "<" + label + "…>"));
        return this;
    }

    public Syntax option(String option, String valueLabel) {
        params.add(new Param(option, false, false, true, false, "[" + option + " " + valueLabel + "]"));
        return this;
    }

    public Syntax requiredOption(String option, String valueLabel) {
        params.add(new Param(option, false, true, true, false, option + " " + valueLabel));
        return this;
    }

    public Syntax flag(String option) {
        params.add(new Param(option, false, false, false, false, "[" + option + "]"));
        return this;
    }

    public String name() {
        return name;
    }

    public String usage() {
        StringBuilder s = new StringBuilder(name);
        params.forEach(p -> s.append(' ').append(p.shownAs()));
        return s.toString();
    }

    public Args parse(List<String> given) {
        List<String> words = new ArrayList<>(given);
        java.util.Set<String> keywords = takeKeywords(words);
        CommandSpec spec = CommandSpec.create();
        spec.parser().collectErrors(false).posixClusteredShortOptionsAllowed(false).unmatchedArgumentsAllowed(false)
                .toggleBooleanFlags(false).overwrittenOptionsAllowed(false).endOfOptionsDelimiter("--")
                // chat text is untrusted: "@/proc/self/environ" must stay a word, never become a file's contents
                .expandAtFiles(false);
        int index = 0;
        for (Param p : params) {
            if (p.keyword()) {
                continue;
            }
            if (p.positional()) {
                PositionalParamSpec.Builder b = PositionalParamSpec.builder().paramLabel("<" + p.label() + ">")
                        .type(p.rest() ? List.class : String.class).auxiliaryTypes(String.class);
                if (p.rest()) {
                    b.index(index + "..*").arity(p.required() ? "1..*" : "0..*").required(p.required());
                } else {
                    b.index(Integer.toString(index)).arity(p.required() ? "1" : "0..1").required(p.required());
                }
                spec.addPositional(b.build());
                index++;
            } else {
                spec.addOption(OptionSpec.builder(p.label()).paramLabel(p.label())
                        .type(p.takesValue() ? String.class : boolean.class).arity(p.takesValue() ? "1" : "0")
                        .required(p.required()).build());
            }
        }
        try {
            ParseResult result = new CommandLine(spec).parseArgs(words.toArray(String[]::new));
            return new Args(result, keywords);
        } catch (CommandLine.ParameterException e) {
            // picocli reports "-deadbeef" in a word's place as that word missing; name the word instead
            String unknown = e instanceof CommandLine.MissingParameterException ? unknownOption(words) : null;
            throw new UsageError(unknown != null ? "Unknown option: '" + Text.clip(unknown) + "'." : friendly(e.getMessage()), usage());
        }
    }

    /** Removes each keyword given at its place among the positional words; returns those given. */
    private java.util.Set<String> takeKeywords(List<String> words) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        int slot = 0;
        for (Param p : params) {
            if (!p.positional()) {
                continue;
            }
            if (p.keyword()) {
                int at = positionalWord(words, slot);
                if (at >= 0 && words.get(at).equalsIgnoreCase(p.label())) {
                    words.remove(at);
                    taken.add(p.label());
                }
                continue;
            }
            slot++;
        }
        return taken;
    }

    /** Where the {@code n}-th positional word is (options and their values skipped), or -1. */
    private int positionalWord(List<String> words, int n) {
        boolean isValue = false;
        boolean optionsEnded = false;
        int seen = 0;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (isValue) {
                isValue = false;
                continue;
            }
            if (!optionsEnded && "--".equals(word)) {
                optionsEnded = true;
                continue;
            }
            if (!optionsEnded && word.length() > 1 && word.startsWith("-")) {
                String option = word.split("=", 2)[0];
                isValue = params.stream().anyMatch(p -> !p.positional() && p.label().equals(option) && p.takesValue())
                        && !word.contains("=");
                continue;
            }
            if (seen++ == n) {
                return i;
            }
        }
        return -1;
    }

    /** The first word before "--" that looks like an option but is none of this command's, skipping options' values. */
    private String unknownOption(List<String> words) {
        boolean isValue = false;
        for (String word : words) {
            if ("--".equals(word)) {
                return null;
            }
            if (isValue) {
                isValue = false;
                continue;
            }
            if (word.length() > 1 && word.startsWith("-")) {
                String option = word.split("=", 2)[0];
                Param known = params.stream().filter(p -> !p.positional() && p.label().equals(option)).findFirst().orElse(null);
                if (known == null) {
                    return word;
                }
                isValue = known.takesValue() && !word.contains("=");
            }
        }
        return null;
    }

    private static String friendly(String picocliMessage) {
        String m = picocliMessage.replaceAll("=[A-Za-z<>-]+'", "'").replace("'<", "<").replace(">'", ">");
        if (m.startsWith("Unmatched argument") || m.startsWith("Unmatched arguments")) {
            m = "Too many words: " + m.substring(m.indexOf(':') + 1).trim();
        }
        return m.endsWith(".") ? m : m + ".";
    }

    /** A refusal that shows the command's usage under the reason. */
    public static final class UsageError extends Refusal {
        private final String usage;

        public UsageError(String message, String usage) {
            super(message);
            this.usage = usage;
        }

        public String usage() {
            return usage;
        }
    }
}
