package dev.btrbot.domain;

/**
 * An expected refusal: bad input, a missing right, a shut gate. Its message is
 * shown to the user verbatim, so it is one short sentence without internals.
 * Anything else that is thrown is a bug and is logged, not shown.
 */
public class Refusal extends RuntimeException {
    public Refusal(String message) {
        super(message, null, false, false);
    }
}
