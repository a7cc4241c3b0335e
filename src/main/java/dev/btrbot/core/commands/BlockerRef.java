package dev.btrbot.core.commands;

import dev.btrbot.core.port.StoreTx;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.Text;

/** A blocker is named by the number lists show ({@code 3} or {@code #3}) or by its url. */
final class BlockerRef {
    private BlockerRef() {
    }

    static Blocker find(StoreTx tx, ReleaseName release, String ref) {
        String key = ref.startsWith("#") ? ref.substring(1) : ref;
        return tx.blockers().forRelease(release).stream()
                .filter(b -> Integer.toString(b.number()).equals(key) || b.url().equals(ref)).findFirst()
                .orElseThrow(() -> new Refusal(release + " has no blocker '" + Text.clip(ref) + "' ('blockers " + release
                        + "' lists them)."));
    }
}
