package dev.btrbot.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.btrbot.core.port.Store;
import dev.btrbot.domain.ChecklistItem;
import dev.btrbot.domain.ChecklistTemplate;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseState;
import dev.btrbot.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A release's checklist (V36) keeps the same promises on SQLite and PostgreSQL. */
class ChecklistStoreTest {
    static final Instant T = Instant.parse("2021-02-01T09:00:00Z");
    static final ReleaseName KOA = StoreContract.KOA;

    @TempDir
    Path dir;

    private final List<Database> opened = new ArrayList<>();
    private String location;

    @AfterEach
    void close() {
        opened.forEach(Database::close);
    }

    private Store open(String kind) {
        if (location == null) {
            location = kind.equals("sqlite") ? dir.resolve("btr.db").toString()
                    : TestPostgres.freshDatabase().replaceFirst("^jdbc:", "").replaceFirst("^postgresql://", "postgresql://" + TestPostgres.USER + "@");
        }
        Database db = Database.open(location, null);
        opened.add(db);
        return db.store();
    }

    private static Optional<List<ChecklistItem>> find(Store store) {
        return store.read(tx -> tx.checklists().find(KOA));
    }

    private Store withKoa2(String kind) {
        Store store = open(kind);
        store.write(tx -> {
            tx.releases().insert(StoreContract.koa2(KOA));
            return null;
        });
        return store;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aChecklistIsGivenOnceAndItsTicksSurviveAReopen(String kind) {
        Store store = withKoa2(kind);
        assertThat(find(store)).as("never given").isEmpty();
        assertThat(store.<Boolean>write(tx -> tx.checklists().create(KOA, ChecklistTemplate.KOA2.items(), T))).isTrue();
        assertThat(store.<Boolean>write(tx -> tx.checklists().create(KOA, List.of(), T))).as("given already").isFalse();
        ChecklistItem.Tick tick = new ChecklistItem.Tick(new MemberId("pierre"), T.plusSeconds(60), "Ubuntu 20.04 ⏎\nnative");
        store.write(tx -> {
            tx.checklists().tick(KOA, "notes-reviewed", tick);
            return null;
        });

        List<ChecklistItem> back = find(open(kind)).orElseThrow();
        assertThat(back).extracting(ChecklistItem::id).containsExactly("native-install", "must-haves-closed", "notes-reviewed",
                "announcement-drafted");
        assertThat(back).extracting(ChecklistItem::position).containsExactly(1, 2, 3, 4);
        assertThat(back.get(2).tick()).isEqualTo(tick);
        assertThat(back.stream().filter(ChecklistItem::open)).hasSize(3);

        store.write(tx -> {
            tx.checklists().untick(KOA, "notes-reviewed");
            return null;
        });
        assertThat(find(open(kind)).orElseThrow()).allMatch(ChecklistItem::open);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anEmptyChecklistIsToldApartFromNone(String kind) {
        Store store = withKoa2(kind);
        store.write(tx -> tx.checklists().create(KOA, List.of(), T));
        assertThat(find(store)).hasValue(List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aTickOnACheckedItemRollsBackItsTransaction(String kind) {
        Store store = withKoa2(kind);
        ChecklistItem.Tick first = new ChecklistItem.Tick(new MemberId("pierre"), T, "");
        store.write(tx -> {
            tx.checklists().create(KOA, ChecklistTemplate.KOA2.items(), T);
            tx.checklists().tick(KOA, "native-install", first);
            return null;
        });
        assertThatThrownBy(() -> store.write(tx -> {
            tx.checklists().tick(KOA, "must-haves-closed", new ChecklistItem.Tick(new MemberId("ned"), T, ""));
            tx.checklists().tick(KOA, "native-install", new ChecklistItem.Tick(new MemberId("ned"), T, "again"));
            return null;
        })).hasMessageContaining("is not open");
        List<ChecklistItem> items = find(store).orElseThrow();
        assertThat(items.get(0).tick()).isEqualTo(first);
        assertThat(items.get(1).open()).as("rolled back with the rest").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void ofTwoStoresGivingTheChecklistAtOnceExactlyOneGivesIt(String kind) throws Exception {
        withKoa2(kind);
        Store one = open(kind);
        Store two = open(kind);
        List<Boolean> gave = StoreContract.race(6, thread -> (thread % 2 == 0 ? one : two)
                .write(tx -> tx.checklists().create(KOA, ChecklistTemplate.KOA2.items(), T)));
        assertThat(gave).containsOnlyOnce(true);
        assertThat(find(one).orElseThrow()).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void deletingACancelledReleaseRemovesItsChecklist(String kind) {
        Store store = withKoa2(kind);
        var removed = store.write(tx -> {
            tx.checklists().create(KOA, ChecklistTemplate.KOA2.items(), T);
            tx.releases().setState(KOA, ReleaseState.CANCELLED);
            return tx.releases().delete(KOA);
        });
        assertThat(removed).containsEntry("checklist items", 4).containsEntry("checklist", 1);
        store.write(tx -> {
            tx.releases().insert(StoreContract.koa2(KOA));
            return null;
        });
        assertThat(find(store)).as("the name is free again, without the old checklist").isEmpty();
    }
}
