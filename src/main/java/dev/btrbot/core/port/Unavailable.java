package dev.btrbot.core.port;

/**
 * A port could not do what was asked of it: a repository that cannot be
 * fetched or has no such branch, GitHub unreachable or refusing the token, a
 * chat platform that did not take a message. It is the only failure a port
 * throws for the outside world; its message says what failed in words a
 * person can act on (no secrets), and the core decides what it means for the
 * command at hand (a line of the status, a short error reply). The user-facing
 * {@link dev.btrbot.domain.Refusal} is for the domain's and the core's rules
 * only.
 */
public class Unavailable extends RuntimeException {
    public Unavailable(String message) {
        super(message, null, false, false);
    }

    public Unavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
