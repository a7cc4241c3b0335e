package dev.btrbot.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.domain.AuditEvent;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import dev.btrbot.domain.TagRun;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a SQLite file, and what only SQLite has: its journal mode and its history of migrations. */
class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    Database openDatabase() {
        return SqliteStore.open(dir.resolve("btr.db"));
    }

    @Override
    Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("btr.db"));
    }

    @Override
    String uniqueViolation() {
        return "UNIQUE";
    }

    @Override
    void assertIntact() throws Exception {
        try (Connection c = connect(); var rs = c.createStatement().executeQuery("pragma integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
    }

    @Test
    void tagRunsAndAnnouncementsRecordedBeforeV23AreKeptAndRunsMayThenBePartial() throws Exception {
        Path file = dir.resolve("btr.db");
        org.flywaydb.core.Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null).locations("classpath:db/sqlite")
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

    /** The newest schema version before {@code version} among the SQLite migrations. */
    private static String lastVersionBefore(int version) throws Exception {
        try (var files = java.nio.file.Files.list(Path.of(SqliteStoreTest.class.getResource("/db/sqlite").toURI()))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).filter(v -> v < version).max(Integer::compare)
                    .map(String::valueOf).orElseThrow();
        }
    }

    /**
     * {@code store/btr-v25.db.gz} was written by the bot as it was at schema V25 (commit 108812e, before the migrations
     * moved to db/sqlite and db/migration): a release, a candidate, audit events, a tag run, a claimed summary and a seen
     * request. Flyway's history in it must still match the migrations, and everything in it must still read back.
     */
    @Test
    void aDatabaseWrittenAtV25KeepsMigratingAndKeepsItsData() throws Exception {
        Path file = dir.resolve("btr.db");
        try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("/store/btr-v25.db.gz"))) {
            Files.copy(in, file);
        }
        SqliteStore store = SqliteStore.open(file);
        assertThat(store.<java.util.Optional<dev.btrbot.domain.Release>>read(tx -> tx.releases().find(KOA))).contains(koa2(KOA));
        assertThat(store.<List<AuditEvent>>read(tx -> tx.audit().forRelease(KOA))).extracting(AuditEvent::details).containsExactly("made by the V25 code");
        assertThat(store.<List<TagRun>>read(tx -> tx.tagRuns().forRelease(KOA))).extracting(TagRun::state).containsExactly(TagRun.State.SUCCEEDED);
        assertThat(store.<Boolean>read(tx -> tx.scheduledPosts().claimed(KOA, "summary", "2021-02-01"))).isTrue();
        try (Connection c = connect(); var rs = c.createStatement().executeQuery(
                "select max(cast(version as integer)), count(*), sum(success) from flyway_schema_history")) {
            rs.next();
            assertThat(rs.getInt(1)).as("newest version applied").isGreaterThanOrEqualTo(26);
            assertThat(rs.getInt(3)).as("every migration succeeded").isEqualTo(rs.getInt(2));
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
