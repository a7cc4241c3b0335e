package dev.btrbot.core;

import dev.btrbot.domain.MemberId;
import java.util.Objects;

/**
 * One command as a person typed it, or as a button they pressed stands for, and who did. {@code origin} decides
 * who sees the answer (see {@link Bot#handle}).
 */
public record Invocation(MemberId actor, String text, Origin origin) {
    public Invocation {
        Objects.requireNonNull(origin);
    }

    /** Typed. */
    public Invocation(MemberId actor, String text) {
        this(actor, text, Origin.TYPED);
    }

    /** How the command came. */
    public enum Origin {
        /** Typed by the person. */
        TYPED,
        /** A button, a reaction or a form on a message the bot posted where others see it. */
        PRESSED
    }

    /** The command an action stands for, pressed by {@code actor}. */
    public static Invocation pressed(MemberId actor, Reply.Action action) {
        return new Invocation(actor, action.command(), Origin.PRESSED);
    }
}
