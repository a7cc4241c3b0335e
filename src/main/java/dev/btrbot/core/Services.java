package dev.btrbot.core;

import dev.btrbot.core.port.BackportCheck;
import dev.btrbot.core.port.CandidateSource;
import dev.btrbot.core.port.Chat;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.Tagger;
import java.time.Clock;

/** The ports a command may use, wired once by Main. */
public record Services(Store store, Clock clock, CandidateSource candidates, BackportCheck backports, Tagger tagger,
                       Chat chat, BotSettings settings, String processId) {
}
