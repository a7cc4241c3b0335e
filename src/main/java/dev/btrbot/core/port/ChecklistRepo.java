package dev.btrbot.core.port;

import dev.btrbot.domain.ChecklistItem;
import dev.btrbot.domain.ReleaseName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A release's runbook checklist: given once (from the template), then ticked and unticked item by item. */
public interface ChecklistRepo {
    /** The release's items in order, or empty when it was never given a checklist (a release from before checklists). */
    Optional<List<ChecklistItem>> find(ReleaseName release);

    /**
     * Gives the release its checklist, unless it has one already (another process may just have given it).
     *
     * @return whether this call gave it
     */
    boolean create(ReleaseName release, List<ChecklistItem> items, Instant at);

    /** Records the tick on the item (which must be open). */
    void tick(ReleaseName release, String item, ChecklistItem.Tick tick);

    /** Opens the item again; the audit log keeps who ticked it. */
    void untick(ReleaseName release, String item);
}
