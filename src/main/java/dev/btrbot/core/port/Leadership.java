package dev.btrbot.core.port;

/**
 * Whether this process is the one, among replicas on one database, that runs what must run in one place:
 * the Matrix /sync loop and the scheduler's tick. Work that must merely happen once (a scheduled post, a
 * tag run, a GitHub sync) is decided by the store's claims, on every replica.
 */
public interface Leadership {
    /** A process alone on its database (the console, {@code tick}, tests) always leads. */
    Leadership ALONE = () -> true;

    boolean leads();
}
