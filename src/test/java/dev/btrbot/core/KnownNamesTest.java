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
    void aNameThePlatformTellsIsRememberedForTheStoreOnlyViewsAndWhileThePlatformIsAway() {
        SqliteStore store = SqliteStore.open(dir.resolve("btr.db"));
        Map<MemberId, String> platform = new HashMap<>(Map.of(PIERRE, "Pierre Dupont"));
        KnownNames names = new KnownNames(store, member -> Optional.ofNullable(platform.get(member)));

        assertThat(names.displayName(PIERRE)).contains("Pierre Dupont");
        assertThat(stored(store)).containsEntry(PIERRE, "Pierre Dupont");

        platform.clear();
        assertThat(names.displayName(PIERRE)).contains("Pierre Dupont");

        platform.put(PIERRE, "Pierre D.");
        assertThat(names.displayName(PIERRE)).contains("Pierre D.");
        assertThat(stored(store)).containsEntry(PIERRE, "Pierre D.");
        assertThat(names.displayName(new MemberId("U0NOBODY1"))).isEmpty();
    }

    private static Map<MemberId, String> stored(SqliteStore store) {
        return store.read(tx -> tx.members().displayNames());
    }
}
