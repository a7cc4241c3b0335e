package dev.btrbot.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.btrbot.domain.Candidate;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.QuorumPolicy;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseState;
import dev.btrbot.domain.RepoHead;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import dev.btrbot.domain.TagRun;
import dev.btrbot.domain.TagTemplate;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {
    static final Instant T = Instant.parse("2021-02-01T09:00:00Z");
    static final ReleaseName KOA = new ReleaseName("koa.2");
    static final MemberId NED = new MemberId("ned");

    @TempDir
    Path dir;

    static Release koa2(ReleaseName name) {
        return new Release(name, new GitRefName("open-release/koa.master"), List.of(new RepoRef("openedx/configuration")),
                "Koa.2", "affects:koa", java.time.LocalDate.of(2021, 2, 9), "#btr", new TagTemplate("open-release/{release}"),
                TagTemplate.DEFAULT_RC, ReleaseState.PLANNING, QuorumPolicy.DEFAULT.with("passes", "3"), T);
    }

    static Candidate candidate(char c) {
        return Candidate.of(KOA, List.of(new RepoHead(new RepoRef("openedx/configuration"), new Sha(String.valueOf(c).repeat(40)))), T);
    }

    @Test
    void dataSurvivesReopeningTheFile() {
        SqliteStore first = SqliteStore.open(dir.resolve("btr.db"));
        first.write(tx -> {
            tx.releases().insert(koa2(KOA));
            tx.candidates().remember(candidate('a'));
            tx.audit().record(T, NED, KOA, "release.create", "test");
            return null;
        });
        SqliteStore second = SqliteStore.open(dir.resolve("btr.db"));
        Release back = second.read(tx -> tx.releases().find(KOA)).orElseThrow();
        assertThat(back).isEqualTo(koa2(KOA));
        List<Candidate> history = second.read(tx -> tx.candidates().history(KOA));
        assertThat(history).containsExactly(candidate('a'));
        List<dev.btrbot.domain.AuditEvent> events = second.read(tx -> tx.audit().forRelease(KOA));
        assertThat(events).hasSize(1);
    }

    @Test
    void aRefusalRollsBackTheWholeTransaction() {
        SqliteStore store = SqliteStore.open(dir.resolve("btr.db"));
        assertThatThrownBy(() -> store.write(tx -> {
            tx.releases().insert(koa2(KOA));
            tx.audit().record(T, NED, KOA, "release.create", "test");
            throw new Refusal("changed my mind");
        })).isInstanceOf(Refusal.class);
        List<Release> releases = store.read(tx -> tx.releases().all());
        assertThat(releases).isEmpty();
        List<dev.btrbot.domain.AuditEvent> events = store.read(tx -> tx.audit().forRelease(KOA));
        assertThat(events).isEmpty();
    }

    @Test
    void theSchemaAllowsOneRunningTagRunPerReleaseAndOneSuccessPerCandidate() {
        SqliteStore store = SqliteStore.open(dir.resolve("btr.db"));
        Candidate a = candidate('a');
        TagRun run = store.write(tx -> {
            tx.releases().insert(koa2(KOA));
            tx.candidates().remember(a);
            return tx.tagRuns().start(KOA, a.id(), TagRun.Kind.FINAL, "open-release/koa.2", NED, T, "h:1");
        });
        assertThatThrownBy(() -> store.write(tx -> tx.tagRuns().start(KOA, a.id(), TagRun.Kind.RC, "x", NED, T, "h:1")))
                .isInstanceOf(Refusal.class).hasMessageContaining("already running");
        store.write(tx -> {
            tx.tagRuns().finish(run.id(), TagRun.State.SUCCEEDED, 0, "ok", T);
            return null;
        });
        TagRun again = store.write(tx -> tx.tagRuns().start(KOA, a.id(), TagRun.Kind.FINAL, "open-release/koa.2", NED, T, "h:1"));
        assertThatThrownBy(() -> store.write(tx -> {
            tx.tagRuns().finish(again.id(), TagRun.State.SUCCEEDED, 0, "ok", T);
            return null;
        })).hasMessageContaining("UNIQUE");
    }

    @Test
    void theAuditLogCannotBeChangedOrDeleted() throws Exception {
        SqliteStore store = SqliteStore.open(dir.resolve("btr.db"));
        store.write(tx -> {
            tx.audit().record(T, NED, null, "pool.add", "manual-qa: ana");
            return null;
        });
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("btr.db"))) {
            assertThatThrownBy(() -> c.createStatement().execute("update audit_event set actor = 'mallory'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> c.createStatement().execute("delete from audit_event")).hasMessageContaining("append-only");
        }
    }

    @Test
    void twoStoresOnOneFileWriteConcurrentlyWithoutLosingAnything() throws Exception {
        Path file = dir.resolve("btr.db");
        SqliteStore one = SqliteStore.open(file);
        SqliteStore two = SqliteStore.open(file);
        one.write(tx -> {
            tx.releases().insert(koa2(KOA));
            return null;
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            SqliteStore store = t % 2 == 0 ? one : two;
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    int n = i;
                    store.write(tx -> {
                        tx.blockers().add(KOA, "https://example.org/" + thread + "/" + n, "t" + thread, null, null,
                                dev.btrbot.domain.Blocker.BlockerSource.MANUAL, T);
                        tx.audit().record(T, NED, KOA, "blocker.add", thread + "/" + n);
                        return null;
                    });
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        var blockers = one.read(tx -> tx.blockers().forRelease(KOA));
        assertThat(blockers).hasSize(200);
        assertThat(blockers.stream().map(b -> b.number()).distinct().count()).isEqualTo(200);
        List<dev.btrbot.domain.AuditEvent> events = two.read(tx -> tx.audit().forRelease(KOA));
        assertThat(events).hasSize(200);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var rs = c.createStatement().executeQuery("pragma integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
    }

    @Test
    void theDatabaseRunsInWalMode() throws Exception {
        SqliteStore.open(dir.resolve("btr.db"));
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("btr.db"));
             var rs = c.createStatement().executeQuery("pragma journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }
}
