package dev.btrbot.adapter.matrix;

import java.time.Duration;

/**
 * How the adapter waits between attempts (back-off after an error, a 429's
 * retry hint): the thread's own sleep in production; tests pass one that
 * records each wait, so they check the back-off itself instead of timing it.
 * A wait is cut short by interrupting the waiting thread (a stop).
 */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration d) throws InterruptedException;

    /** Waits; an interrupt keeps the thread's interrupt flag and is thrown as {@link MatrixClient.Transient}. */
    default void pause(Duration d) {
        try {
            sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MatrixClient.Transient("interrupted", e);
        }
    }
}
