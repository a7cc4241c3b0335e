package dev.btrbot.core.port;

import java.util.function.Function;

/**
 * The bot's durable state. Every use case runs in one transaction, so a
 * change and its audit event land together or not at all.
 */
public interface Store {
    <T> T read(Function<StoreTx, T> work);

    <T> T write(Function<StoreTx, T> work);
}
