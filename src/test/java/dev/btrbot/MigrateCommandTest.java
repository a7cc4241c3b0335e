package dev.btrbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.store.Database;
import dev.btrbot.domain.AuditEvent;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.testing.TestBot;
import dev.btrbot.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate} moves a whole install from its SQLite file into an empty PostgreSQL database, and only into an empty one. */
class MigrateCommandTest {
    @TempDir
    Path dir;

    @Test
    void everyRowMovesWithItsIdsAndTimesAndTheSequencesContinueAfterThem() throws Exception {
        TestBot bot = TestBot.builder(dir).build().withKoa2();
        bot.expectOk("blocker add koa.2 https://x.org/1 --priority high");
        bot.expectOk("@pierre: signoff koa.2 pass --env docker");
        bot.expectOk("@adolfo: signoff koa.2 fail --env native");
        bot.expectOk("hold koa.2 waiting for the security fix");
        bot.clock.advance(Duration.ofDays(1));
        bot.tick();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + bot.db); var st = c.createStatement()) {
            st.execute("insert into matrix_state(key, value) values ('since', 's42')");
            st.execute("insert into matrix_txn(txn_id, room_id, event_type, content, content_hash, state, created_at) values"
                    + " ('t2', '!a:x', 'm.room.message', '{}', 'h', 'pending', '2021-02-01T09:00:00Z'),"
                    + " ('t1', '!a:x', 'm.room.message', '{}', 'h', 'pending', '2021-02-01T09:00:00Z')");
        }
        String url = TestPostgres.freshDatabase();
        String to = url.replaceFirst("^jdbc:postgresql://", "postgresql://" + TestPostgres.USER + "@");

        assertThat(Main.run(new String[] {"migrate", "--from", bot.db.toString(), "--to", to})).isZero();

        TreeMap<String, List<String>> before = rows(DriverManager.getConnection("jdbc:sqlite:" + bot.db), true);
        TreeMap<String, List<String>> after = rows(DriverManager.getConnection(url, TestPostgres.USER, ""), false);
        assertThat(after.keySet()).containsAll(before.keySet());
        for (String table : before.keySet()) {
            assertThat(after.get(table)).as(table).containsExactlyElementsOf(before.get(table));
        }
        assertThat(before.get("audit_event")).hasSizeGreaterThan(5);
        assertThat(before.get("signoff")).hasSize(2);

        try (Database pg = Database.open(to, null)) {
            List<AuditEvent> events = pg.store().read(tx -> tx.audit().forRelease(new ReleaseName("koa.2")));
            long last = events.get(events.size() - 1).id();
            pg.store().write(tx -> {
                tx.audit().record(Instant.parse("2021-03-01T00:00:00Z"), new MemberId("ned"), new ReleaseName("koa.2"), "note", "after the move");
                return null;
            });
            List<AuditEvent> now = pg.store().read(tx -> tx.audit().forRelease(new ReleaseName("koa.2")));
            assertThat(now.get(now.size() - 1).id()).isGreaterThan(last);
            try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, "");
                 ResultSet rs = c.createStatement().executeQuery("select txn_id from matrix_txn order by rowid")) {
                List<String> order = new ArrayList<>();
                while (rs.next()) {
                    order.add(rs.getString(1));
                }
                assertThat(order).as("the outbox keeps its order").containsExactly("t2", "t1");
            }
        }
    }

    @Test
    void aTargetThatHoldsDataIsRefusedAndKeepsWhatItHolds() throws Exception {
        TestBot bot = TestBot.builder(dir).build().withKoa2();
        String url = TestPostgres.freshDatabase();
        String to = url.replaceFirst("^jdbc:postgresql://", "postgresql://" + TestPostgres.USER + "@");
        assertThat(Main.run(new String[] {"migrate", "--from", bot.db.toString(), "--to", to})).isZero();
        TreeMap<String, List<String>> moved = rows(DriverManager.getConnection(url, TestPostgres.USER, ""), false);

        bot.expectOk("blocker add koa.2 https://x.org/2 --priority low");
        assertThat(Main.run(new String[] {"migrate", "--from", bot.db.toString(), "--to", to})).isEqualTo(2);
        assertThat(rows(DriverManager.getConnection(url, TestPostgres.USER, ""), false)).isEqualTo(moved);
    }

    @Test
    void aMissingSourceFileIsRefusedBeforeAnythingIsCreated() {
        Path missing = dir.resolve("nope.db");
        assertThat(Main.run(new String[] {"migrate", "--from", missing.toString(), "--to", "postgresql://u@127.0.0.1:1/x"})).isEqualTo(2);
        assertThat(missing).doesNotExist();
    }

    /** Every table's rows as text, sorted, without Flyway's history and the leader lease (neither moves). */
    private static TreeMap<String, List<String>> rows(Connection c, boolean sqlite) throws Exception {
        try (c) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(sqlite
                    ? "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
                    : "select table_name from information_schema.tables where table_schema = current_schema()")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            tables.removeAll(List.of("flyway_schema_history", "leader_lease"));
            TreeMap<String, List<String>> all = new TreeMap<>();
            for (String table : tables) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery("select * from " + table)) {
                    var meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            if (!meta.getColumnName(i).equals("rowid")) {
                                row.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
                            }
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                all.put(table, rows);
            }
            return all;
        }
    }
}
