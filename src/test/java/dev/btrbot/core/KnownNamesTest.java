package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.store.SqliteStore;
import dev.btrbot.domain.MemberId;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownNamesTest {
    static final MemberId PIERRE = new MemberId("U2CERLKJA");

    @TempDir
    Path dir;

    @Test
    void thePlatformsNameWinsAndTheNameAMentionLeftInTheStoreIsTheFallback() {
        SqliteStore store = SqliteStore.open(dir.resolve("btr.db"));
        store.write(tx -> {
            tx.members().name(PIERRE, "pierre");
            return null;
        });
        Map<MemberId, String> platform = new HashMap<>(Map.of(PIERRE, "Pierre Dupont"));
        KnownNames names = new KnownNames(store, member -> Optional.ofNullable(platform.get(member)));

        assertThat(names.displayName(PIERRE)).contains("Pierre Dupont");
        platform.clear();
        assertThat(names.displayName(PIERRE)).contains("pierre");
        assertThat(names.displayName(new MemberId("U0NOBODY1"))).isEmpty();
    }
}
