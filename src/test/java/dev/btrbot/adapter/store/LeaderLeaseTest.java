package dev.btrbot.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.testing.MutableClock;
import dev.btrbot.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One replica leads, on either database; when it dies another takes over within the documented bound. */
class LeaderLeaseTest {
    static final Instant T = Instant.parse("2021-02-01T09:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T);
    private final List<Database> opened = new ArrayList<>();
    private String location;

    @AfterEach
    void close() {
        opened.forEach(Database::close);
    }

    /** A replica: its own connection to the test's database, its own lease. */
    private LeaderLease replica(String kind, String name) {
        if (location == null) {
            location = kind.equals("sqlite") ? dir.resolve("btr.db").toString() : TestPostgres.freshDatabase() + "?user=" + TestPostgres.USER;
        }
        Database db = Database.open(location, null);
        opened.add(db);
        return new LeaderLease(db, "serve", name, clock);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void oneReplicaLeadsAndAnotherTakesOverWithinTheHandoverBoundWhenItDies(String kind) {
        LeaderLease a = replica(kind, "a:1");
        LeaderLease b = replica(kind, "b:2");
        assertThat(a.renew()).isTrue();
        assertThat(b.renew()).isFalse();
        assertThat(b.describe()).isEqualTo("leader: a:1; this replica (b:2) stands by");
        assertThat(a.describe()).isEqualTo("leader: this replica (a:1)");

        // a keeps renewing: it keeps leading, b keeps standing by
        for (int i = 0; i < 5; i++) {
            clock.advance(LeaderLease.RENEW_EVERY);
            assertThat(a.renew()).isTrue();
            assertThat(b.renew()).isFalse();
        }

        // a dies right after renewing (kill -9: no resignation); b tries every RENEW_EVERY
        Instant died = clock.instant();
        Instant tookOver = null;
        while (tookOver == null) {
            clock.advance(LeaderLease.RENEW_EVERY);
            if (b.renew()) {
                tookOver = clock.instant();
            }
            assertThat(a.leads() && b.leads()).as("never two leaders").isFalse();
        }
        assertThat(Duration.between(died, tookOver)).isLessThanOrEqualTo(LeaderLease.HANDOVER);
        assertThat(a.leads()).isFalse();
        assertThat(a.renew()).as("a comes back as a follower").isFalse();
        assertThat(b.leads()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aLeaderStoppedCleanlyHandsOverAtTheNextHeartbeat(String kind) {
        LeaderLease a = replica(kind, "a:1");
        LeaderLease b = replica(kind, "b:2");
        List<String> events = new ArrayList<>();
        a.watch(watcher("a", events));
        b.watch(watcher("b", events));
        a.renew();
        b.renew();
        a.close();
        assertThat(b.renew()).isTrue();
        assertThat(events).containsExactly("a started", "a stopped", "b started");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void ofReplicasRacingForAFreeLeaseExactlyOneLeads(String kind) throws Exception {
        List<LeaderLease> replicas = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            replicas.add(replica(kind, "r:" + i));
        }
        List<Boolean> leads = StoreContract.race(6, i -> replicas.get(i).renew());
        assertThat(leads).containsOnlyOnce(true);
    }

    private static LeaderLease.Watcher watcher(String who, List<String> events) {
        return new LeaderLease.Watcher() {
            @Override
            public void started() {
                events.add(who + " started");
            }

            @Override
            public void stopped() {
                events.add(who + " stopped");
            }
        };
    }
}
