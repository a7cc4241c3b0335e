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
            tx.tagRuns().finish(run.id(), TagRun.State.SUCCEEDED, 0, "ok", java.util.List.of(), T);
            return null;
        });
        TagRun again = store.write(tx -> tx.tagRuns().start(KOA, a.id(), TagRun.Kind.FINAL, "open-release/koa.2", NED, T, "h:1"));
        assertThatThrownBy(() -> store.write(tx -> {
            tx.tagRuns().finish(again.id(), TagRun.State.SUCCEEDED, 0, "ok", java.util.List.of(), T);
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
    void tagRunsAndAnnouncementsRecordedBeforeV23AreKeptAndRunsMayThenBePartial() throws Exception {
        Path file = dir.resolve("btr.db");
        org.flywaydb.core.Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null).locations("classpath:db/migration")
                .target(lastVersionBefore(23)).load().migrate();
        String sha = "a".repeat(40);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
            st.execute("pragma foreign_keys = on");
            st.execute("insert into release (name, branch, repos, tag_template, rc_template, state, created_at) values"
                    + " ('koa.2', 'open-release/koa.master', 'https://github.com/openedx/configuration.git', '{release}',"
                    + " '{tag}rc{n}', 'tagged', '" + T + "')");
            st.execute("insert into candidate (release, id, heads, first_seen, seq) values ('koa.2', 'c1',"
                    + " 'https://github.com/openedx/configuration.git@" + sha + "', '" + T + "', 1)");
            st.execute("insert into tag_run (release, candidate_id, kind, tag_name, requester, owner, state, started_at, ended_at,"
                    + " exit_code, output, heartbeat_at) values ('koa.2', 'c1', 'rc', 'koa.2rc1', 'ned', 'h:1', 'interrupted', '" + T
                    + "', '" + T + "', null, null, '" + T + "'), ('koa.2', 'c1', 'final', 'koa.2', 'ned', 'h:1', 'succeeded', '" + T
                    + "', '" + T + "', 0, 'tagged', null)");
            st.execute("insert into announcement (release, tag_run_id, text, created_at) values ('koa.2', 2, 'koa.2 is out', '" + T + "')");
        }

        SqliteStore store = SqliteStore.open(file);

        List<TagRun> runs = store.read(tx -> tx.tagRuns().forRelease(KOA));
        assertThat(runs).extracting(TagRun::id, TagRun::state, TagRun::output, TagRun::launch)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, TagRun.State.INTERRUPTED, null, null),
                        org.assertj.core.groups.Tuple.tuple(2L, TagRun.State.SUCCEEDED, "tagged", null));
        assertThat(store.read(tx -> tx.announcements().latest(KOA)).orElseThrow().text()).isEqualTo("koa.2 is out");
        TagRun partial = store.write(tx -> {
            TagRun run = tx.tagRuns().start(KOA, "c1", TagRun.Kind.RC, "koa.2rc2", NED, T, "h:1");
            tx.tagRuns().launched(run.id(), new TagRun.Launch("h", 4242, "99", null));
            tx.tagRuns().finish(run.id(), TagRun.State.PARTIAL, 1, "failed", List.of(new dev.btrbot.domain.TagCheck(
                    new RepoRef("openedx/configuration"), new Sha(sha), new Sha(sha), null)), T);
            return tx.tagRuns().forRelease(KOA).get(2);
        });
        assertThat(partial.state()).isEqualTo(TagRun.State.PARTIAL);
        assertThat(partial.launch()).isEqualTo(new TagRun.Launch("h", 4242, "99", null));
        assertThat(partial.checks()).singleElement().matches(dev.btrbot.domain.TagCheck::carried);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var rs = c.createStatement().executeQuery("pragma foreign_key_check")) {
            assertThat(rs.next()).as("no dangling reference").isFalse();
        }
    }

    /** The newest schema version before {@code version} among the migrations. */
    private static String lastVersionBefore(int version) throws Exception {
        try (var files = java.nio.file.Files.list(Path.of(SqliteStoreTest.class.getResource("/db/migration").toURI()))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).filter(v -> v < version).max(Integer::compare)
                    .map(String::valueOf).orElseThrow();
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
                                dev.btrbot.domain.Blocker.Origin.MANUAL, T);
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
