package dev.btrbot.core;

import dev.btrbot.core.command.Tokenizer;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.SignOff;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The form a sign-off button opens on platforms that have forms: where the
 * candidate was installed (required) and notes. Its submission is the
 * button's own command with {@code --env} and the notes, each escaped into
 * one word, so whatever a person types (quotes, backslashes, emoji, CJK,
 * newlines, "--confirm") reaches the sign-off command exactly and can never
 * add an option of its own; the command then parses and checks it as if it
 * were typed.
 */
public final class SignOffForm {
    /** The most characters the environment field takes. */
    public static final int MAX_ENVIRONMENT = SignOff.MAX_ENVIRONMENT;
    /** The most characters the notes field takes. */
    public static final int MAX_NOTES = SignOff.MAX_NOTES;

    private SignOffForm() {
    }

    /** The form's fields. */
    public enum Field { ENVIRONMENT, NOTES }

    /**
     * What is wrong with a filled-in form, by field, in words for the form;
     * empty when nothing is. Forms usually hold the lengths themselves; this
     * holds for a submission made without them.
     */
    public static Map<Field, String> problems(String environment, String notes) {
        Map<Field, String> problems = new LinkedHashMap<>();
        String env = environment == null ? "" : environment.strip();
        if (env.isEmpty()) {
            problems.put(Field.ENVIRONMENT, "Say where you installed it, e.g. Ubuntu 20.04, native.");
        } else if (env.length() > MAX_ENVIRONMENT) {
            problems.put(Field.ENVIRONMENT, "Use at most " + MAX_ENVIRONMENT + " characters.");
        }
        if ((notes == null ? "" : notes.strip()).length() > MAX_NOTES) {
            problems.put(Field.NOTES, "Use at most " + MAX_NOTES + " characters; longer reports belong in an issue, linked here.");
        }
        return problems;
    }

    /**
     * The sign-off a filled-in form stands for, as pressed by {@code actor}.
     *
     * @throws IllegalArgumentException when {@code button} is not a sign-off button
     */
    public static Invocation submitted(MemberId actor, Reply.Action button, String environment, String notes) {
        if (!button.intent().isSignOff()) {
            throw new IllegalArgumentException("not a sign-off button");
        }
        String env = environment == null ? "" : environment.strip();
        String text = notes == null ? "" : notes.strip();
        return new Invocation(actor, button.command() + " --env=" + Tokenizer.word(env)
                + (text.isEmpty() ? "" : " -- " + Tokenizer.word(text)), Invocation.Origin.PRESSED);
    }
}
