package dev.btrbot.core;

import dev.btrbot.domain.MemberId;
import java.util.Objects;

/**
 * One command as a person typed it, or as a button they pressed stands for.
 * {@code place} is where it was said (a channel or room id, "console");
 * replies and prompts go back there. {@code origin} decides who sees the
 * answer (see {@link Bot#handle}).
 */
public record Invocation(MemberId actor, String place, String text, Origin origin) {
    public Invocation {
        Objects.requireNonNull(origin);
    }

    /** Typed. */
    public Invocation(MemberId actor, String place, String text) {
        this(actor, place, text, Origin.TYPED);
    }

    /** How the command came. */
    public enum Origin {
        /** Typed by the person. */
        TYPED,
        /** A button, a reaction or a form on a message the bot posted where others see it. */
        PRESSED
    }

    /** The command an action stands for, pressed by {@code actor} in {@code place}. */
    public static Invocation pressed(MemberId actor, String place, Reply.Action action) {
        return new Invocation(actor, place, action.command(), Origin.PRESSED);
    }
}
