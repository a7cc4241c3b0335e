package dev.btrbot.core;

import dev.btrbot.core.command.Args;
import dev.btrbot.core.command.Syntax;

/** One chat command: its syntax, its help line, and what it does. */
public interface Command {
    Syntax syntax();

    /** One sentence for {@code help}. */
    String help();

    Reply run(Call call, Args args);
}
