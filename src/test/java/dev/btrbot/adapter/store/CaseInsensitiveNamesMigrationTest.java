package dev.btrbot.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database written before names were case-insensitive opens with one canonical spelling of each name. */
class CaseInsensitiveNamesMigrationTest {
    @TempDir
    Path dir;

    @Test
    void onPostgreSqlTooTheNamesFoldWithEveryForeignKeyHoldingAtEachStep() throws Exception {
        String url = dev.btrbot.testing.TestPostgres.freshDatabase();
        String user = dev.btrbot.testing.TestPostgres.USER;
        Flyway.configure().dataSource(url, user, "").locations("classpath:db/postgresql", "classpath:db/migration").target("26")
                .load().migrate();
        try (Connection db = DriverManager.getConnection(url, user, ""); Statement st = db.createStatement()) {
            seed(st);
        }
        PostgresStore store = PostgresStore.open(url, user, null);
        try {
            java.util.Optional<dev.btrbot.domain.Release> koa = store.read(tx -> tx.releases().find(new ReleaseName("KOA.2")));
            assertThat(koa).isPresent();
            try (Connection db = DriverManager.getConnection(url, user, "")) {
                assertThat(rows(db, "select name from release")).containsExactlyInAnyOrder("koa.2", "lime.3", "lime.3-2");
                assertThat(rows(db, "select id from member")).containsExactlyInAnyOrder("U2CERLKJA", "adolfo", "pierre");
                assertThat(rows(db, "select release || ':' || member from signoff")).containsExactly("koa.2:pierre");
                assertThat(rows(db, "select release from candidate")).containsExactly("koa.2");
            }
        } finally {
            store.close();
        }
    }

    @Test
    void storedSpellingsBecomeOneNameAndACollidingReleaseIsRenamedOnTheRecord() throws Exception {
        Path file = dir.resolve("old.db");
        String url = "jdbc:sqlite:" + file;
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/sqlite", "classpath:db/migration").target("25").load().migrate();
        try (Connection db = DriverManager.getConnection(url); Statement st = db.createStatement()) {
            st.execute("pragma foreign_keys = on");
            seed(st);
        }
        SqliteStore store = SqliteStore.open(file);

        assertThat(rows(url, "select name from release order by name")).containsExactly("koa.2", "lime.3", "lime.3-2");
        assertThat(rows(url, "select id from member order by id")).containsExactly("U2CERLKJA", "adolfo", "pierre");
        assertThat(rows(url, "select role || ':' || member from role_pool order by role, position"))
                .containsExactly("manual-qa:pierre", "manual-qa:U2CERLKJA", "tagger:adolfo");
        assertThat(rows(url, "select release || ':' || member from assignment")).containsExactly("koa.2:adolfo");
        assertThat(rows(url, "select release || ':' || member from signoff")).containsExactly("koa.2:pierre");
        assertThat(rows(url, "select release from candidate")).containsExactly("koa.2");
        assertThat(rows(url, "select details from audit_event where action = 'release.rename'"))
                .containsExactly("Lime.3 → lime.3-2: release names are case-insensitive now and lime.3 names another release");
        java.util.Optional<dev.btrbot.domain.Release> koa = store.read(tx -> tx.releases().find(new ReleaseName("KOA.2")));
        assertThat(koa).isPresent();
        List<dev.btrbot.domain.AuditEvent> history = store.read(tx -> tx.audit().forRelease(new ReleaseName("koa.2")));
        assertThat(history).extracting(e -> e.details()).contains("before");
        assertThat(new MemberId("Adolfo")).isEqualTo(new MemberId("adolfo"));
        try (Connection db = DriverManager.getConnection(url); Statement st = db.createStatement();
             var rs = st.executeQuery("pragma foreign_key_check")) {
            assertThat(rs.next()).as("no dangling reference after the renames").isFalse();
        }
    }

    /** What the code before V32 could have stored: two spellings of one member, and of one release name. */
    private static void seed(Statement st) throws SQLException {
        String release = "insert into release (name, branch, repos, tag_template, rc_template, state, created_at)"
                + " values ('%s', 'open-release/koa.master', '', 'open-release/{release}', 'open-release/{release}rc{n}',"
                + " 'testing', '2021-02-01T09:00:00Z')";
        st.execute(release.formatted("Koa.2"));
        st.execute(release.formatted("Lime.3"));
        st.execute(release.formatted("lime.3"));
        for (String member : List.of("Adolfo", "adolfo", "Pierre", "U2CERLKJA")) {
            st.execute("insert into member (id) values ('" + member + "')");
        }
        st.execute("insert into role_pool (role, position, member) values ('tagger', 1, 'Adolfo'), ('tagger', 2, 'adolfo'),"
                + " ('manual-qa', 1, 'Pierre'), ('manual-qa', 2, 'U2CERLKJA')");
        st.execute("insert into assignment (release, role, member, state, at) values ('Koa.2', 'tagger', 'Adolfo',"
                + " 'accepted', '2021-02-01T09:00:00Z')");
        st.execute("insert into candidate (release, id, heads, first_seen, seq, seen_order) values ('Koa.2', 'c1',"
                + " 'openedx/configuration@" + "a".repeat(40) + "', '2021-02-01T09:00:00Z', 1, 1)");
        st.execute("insert into signoff (release, candidate_id, member, verdict, at) values ('Koa.2', 'c1', 'Pierre', 'pass',"
                + " '2021-02-02T09:00:00Z')");
        st.execute("insert into audit_event (at, actor, release, action, details) values ('2021-02-01T09:00:00Z',"
                + " 'Adolfo', 'Koa.2', 'release.create', 'before')");
    }

    private static List<String> rows(Connection db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = db.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static List<String> rows(String url, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url); Statement st = db.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
