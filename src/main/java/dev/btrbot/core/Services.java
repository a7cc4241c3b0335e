package dev.btrbot.core;

import dev.btrbot.core.port.BackportCheck;
import dev.btrbot.core.port.BlockerSource;
import dev.btrbot.core.port.CandidateSource;
import dev.btrbot.core.port.CheckSource;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.Tagger;
import dev.btrbot.domain.PriorityLabels;
import java.time.Clock;

/**
 * The ports the scheduler and the GitHub sync are built from, as one record;
 * only the wiring makes one. Commands and the other use cases take the ports
 * they use one by one, through their constructors.
 *
 * @param blockerSource  GitHub issues by milestone/label ({@link BlockerSource#NONE} when not configured)
 * @param checks         CI results on a commit ({@link CheckSource#NONE} when not configured)
 * @param priorityLabels which issue labels mean which priority
 */
public record Services(Store store, Clock clock, CandidateSource candidates, BackportCheck backports, Tagger tagger,
                       Chat chat, BotSettings settings, String processId, BlockerSource blockerSource, CheckSource checks,
                       PriorityLabels priorityLabels) {

    /** Without GitHub. */
    public Services(Store store, Clock clock, CandidateSource candidates, BackportCheck backports, Tagger tagger, Chat chat,
                    BotSettings settings, String processId) {
        this(store, clock, candidates, backports, tagger, chat, settings, processId, BlockerSource.NONE, CheckSource.NONE,
                PriorityLabels.DEFAULT);
    }
}
