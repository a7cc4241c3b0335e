package dev.btrbot.core;

import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;

/** One chat command: its syntax, its help line, and what it does. */
public interface Command {
    Syntax syntax();

    /** One sentence for {@code help}. */
    String help();

    Reply run(Call call, Args args);

    /**
     * Whether this use of the command changes something (and so counts
     * toward a member's limit of changes); true unless the command says it
     * only reads.
     */
    default boolean changesState(Args args) {
        return true;
    }

    /**
     * Whether its answer shows members by their display names (the default); a record that must name exactly who
     * did what (the audit log) keeps their ids, since display names are chosen by the members and need not be unique.
     */
    default boolean showsDisplayNames() {
        return true;
    }
}
