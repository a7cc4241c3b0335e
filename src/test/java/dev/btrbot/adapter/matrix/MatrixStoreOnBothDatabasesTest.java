package dev.btrbot.adapter.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.store.Database;
import dev.btrbot.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Matrix adapter's state (sync token, taken events, outbox, rooms) keeps the same promises on SQLite and PostgreSQL. */
class MatrixStoreOnBothDatabasesTest {
    static final Instant T = Instant.parse("2021-02-01T09:00:00Z");

    @TempDir
    Path dir;

    private final List<Database> opened = new ArrayList<>();
    private String location;

    @AfterEach
    void close() {
        opened.forEach(Database::close);
    }

    private MatrixStore open(String kind) {
        if (location == null) {
            location = kind.equals("sqlite") ? dir.resolve("btr.db").toString()
                    : TestPostgres.freshDatabase().replaceFirst("^jdbc:", "").replaceFirst("^postgresql://", "postgresql://" + TestPostgres.USER + "@");
        }
        Database db = Database.open(location, null);
        opened.add(db);
        return MatrixStore.open(db.jdbi());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theSyncTokenAndFirstStartSurviveAReopen(String kind) {
        MatrixStore first = open(kind);
        assertThat(first.since()).isEmpty();
        first.saveSince("s1");
        first.saveSince("s2");
        first.saveLastEvent("!a:x", "$e1");
        assertThat(first.firstStart(T)).isEqualTo(T);
        MatrixStore again = open(kind);
        assertThat(again.since()).contains("s2");
        assertThat(again.lastEvent("!a:x")).contains("$e1");
        assertThat(again.firstStart(T.plusSeconds(60))).as("the first start stays").isEqualTo(T);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anEventIsTakenOnByOneStoreOnly(String kind) throws Exception {
        MatrixStore one = open(kind);
        MatrixStore two = open(kind);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int event = 0; event < 5; event++) {
                String id = "$cmd" + event + ":x";
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    MatrixStore store = i % 2 == 0 ? one : two;
                    claims.add(pool.submit(() -> {
                        go.await();
                        return store.claim(id, "!a:x", "@ned:x", T);
                    }));
                }
                go.countDown();
                List<Boolean> won = new ArrayList<>();
                for (Future<Boolean> f : claims) {
                    won.add(f.get());
                }
                assertThat(won).as(id).containsOnlyOnce(true);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(two.claimed(List.of("$cmd0:x", "$other:x"))).containsExactly("$cmd0:x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theOutboxSendsInOrderAndRemembersWhatWasSent(String kind) {
        MatrixStore store = open(kind);
        store.claim("$cmd:x", "!a:x", "@ned:x", T);
        store.finish("$cmd:x", List.of(out("t1"), out("t2"), out("t3")), T);
        store.enqueue(out("t4"), T);
        assertThat(store.pending()).extracting(MatrixStore.Outgoing::txnId).containsExactly("t1", "t2", "t3", "t4");
        store.sent("t1", "$sent1:x", T);
        store.failed("t2");
        assertThat(store.pending()).extracting(MatrixStore.Outgoing::txnId).containsExactly("t3", "t4");
        assertThat(store.eventOf("t1")).contains("$sent1:x");
        assertThat(store.prompt("$sent1:x")).hasValueSatisfying(p -> assertThat(p.actions()).isEqualTo("[]"));
        assertThat(store.interrupt(i -> out("never"), T)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void roomsAndDirectRoomsAreRememberedAndNoticesClaimedOnce(String kind) {
        MatrixStore store = open(kind);
        store.joined("!a:x", T);
        store.joined("!a:x", T.plusSeconds(5));
        assertThat(store.joinedAt("!a:x")).contains(T);
        store.left("!a:x", T.plusSeconds(10));
        assertThat(store.leftAt("!a:x")).contains(T.plusSeconds(10));
        store.joined("!a:x", T.plusSeconds(20));
        assertThat(store.joinedAt("!a:x")).contains(T.plusSeconds(20));
        assertThat(store.leftAt("!a:x")).isEmpty();
        assertThat(store.claimEncryptionNotice("!b:x", out("n1"), T)).isTrue();
        assertThat(store.claimEncryptionNotice("!b:x", out("n2"), T)).isFalse();

        store.saveDirectRoom("@fay:x", "!dm:x");
        store.directRoomEncrypted("!dm:x", T);
        assertThat(store.directRoomIsEncrypted("@fay:x")).isTrue();
        assertThat(store.directRoomMember("!dm:x")).contains("@fay:x");
        assertThat(store.claimEncryptedDirectRoomNotice("@fay:x", out("n3"), T)).isTrue();
        assertThat(store.claimEncryptedDirectRoomNotice("@fay:x", out("n4"), T)).isFalse();
        assertThat(store.directRooms()).containsEntry("@fay:x", "!dm:x");
    }

    private static MatrixStore.Outgoing out(String txn) {
        return new MatrixStore.Outgoing(txn, "!a:x", "m.room.message", "{\"body\":\"" + txn + "\"}", "[]");
    }
}
