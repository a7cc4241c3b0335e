package dev.btrbot.core.port;

import java.util.function.Function;

/**
 * The bot's durable state (a SQLite file, or PostgreSQL shared by replicas). Each call is one transaction:
 * {@link #write} runs alone, one writer at a time across every process on the database, and commits all of
 * its work or none of it; {@link #read} sees one consistent snapshot and never blocks a writer.
 *
 * <p>Most commands are one write: the change and its audit event land together or not at all, and a
 * {@link dev.btrbot.domain.Refusal} thrown inside rolls everything back. A few use cases take several
 * transactions on purpose, because something slow or outside the database happens between them, and no
 * transaction may stay open across a network call or a child process (it would hold every writer up):
 * <ul>
 *   <li>a tag run: start (the one-running-run-per-release index decides), then the tag command runs, then
 *       its launch and heartbeats, then its end, each recorded in a transaction of its own, so a crash at any
 *       point leaves a run that the next start settles;</li>
 *   <li>a GitHub sync: claim the release's sync, call GitHub, apply what it said, release the claim;</li>
 *   <li>a scheduled post or an announcement: claim its key, send it to the chat, mark it sent; a claim
 *       never marked sent is reported, not sent twice;</li>
 *   <li>a fix sha added to a blocker: checked against the repositories (git) after reading the release and
 *       before the transaction that records it.</li>
 * </ul>
 * So the function given to {@code write} must not talk to the outside world: the write lock is held while it runs.
 */
public interface Store {
    <T> T read(Function<StoreTx, T> work);

    <T> T write(Function<StoreTx, T> work);
}
