package dev.btrbot.core.commands;

import dev.btrbot.core.port.StoreTx;
import dev.btrbot.domain.ForumReport;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.Text;

/** A forum report is named by the number 'forum reports' shows ({@code 2} or {@code #2}) or by its link. */
final class ForumReportRef {
    private ForumReportRef() {
    }

    static ForumReport find(StoreTx tx, ReleaseName release, String ref) {
        String key = ref.startsWith("#") ? ref.substring(1) : ref;
        return tx.forum().reports(release).stream()
                .filter(r -> Integer.toString(r.number()).equals(key) || r.url().equals(ref)).findFirst()
                .orElseThrow(() -> new Refusal(release + " has no forum report '" + Text.clip(ref) + "' ('forum reports " + release
                        + "' lists them)."));
    }

    /** Refuses a report that was triaged already, saying how. */
    static ForumReport untriaged(StoreTx tx, ReleaseName release, String ref) {
        ForumReport r = find(tx, release, ref);
        if (!r.untriaged()) {
            throw new Refusal(r.label() + " of " + release + " was triaged already (" + r.outcome() + ", by " + r.triagedBy().value()
                    + ").");
        }
        return r;
    }
}
