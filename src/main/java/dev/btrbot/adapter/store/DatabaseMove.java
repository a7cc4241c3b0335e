package dev.btrbot.adapter.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Moves an install from its SQLite file to an empty PostgreSQL database: every table, every row, with its
 * ids and times as they are (the audit log's ids included), in one transaction on the target, which then
 * advances its id sequences past the copied ids and checks each table's count against the source before
 * it commits. Nothing is written when anything differs. Tables are found in the source and copied parents
 * first (by their foreign keys), so tables added by later migrations move too; the leader lease does not
 * (it belongs to the processes running now).
 */
public final class DatabaseMove {
    private static final Set<String> NOT_MOVED = Set.of("flyway_schema_history", "leader_lease");

    private DatabaseMove() {
    }

    /** @return the number of rows moved, by table, in the order they were copied */
    public static Map<String, Long> copy(Database from, Database to) {
        if (!(from instanceof SqliteStore source)) {
            throw new IllegalArgumentException("migrate --from must name a SQLite file.");
        }
        if (!(to instanceof PostgresStore target)) {
            throw new IllegalArgumentException("migrate --to must name a PostgreSQL database (postgresql://user@host:5432/name).");
        }
        return source.jdbi().inTransaction(src -> target.jdbi().inTransaction(dst -> {
            List<String> tables = parentsFirst(src);
            refuseIfNotEmpty(dst, tables);
            Map<String, Long> moved = new LinkedHashMap<>();
            for (String table : tables) {
                moved.put(table, copyTable(src, dst, table));
            }
            advanceSequences(dst);
            for (String table : tables) {
                long there = count(dst, table);
                if (there != moved.get(table)) {
                    throw new IllegalStateException("table " + table + ": " + moved.get(table) + " rows in the source, " + there
                            + " in the target; nothing was moved.");
                }
            }
            return moved;
        }));
    }

    /** The source's tables, each after the tables its foreign keys point to. */
    private static List<String> parentsFirst(Handle src) {
        List<String> all = src.createQuery("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
                .mapTo(String.class).list().stream().filter(t -> !NOT_MOVED.contains(t)).toList();
        Set<String> ordered = new LinkedHashSet<>();
        for (String table : all) {
            visit(src, table, ordered, new LinkedHashSet<>());
        }
        return new ArrayList<>(ordered);
    }

    private static void visit(Handle src, String table, Set<String> ordered, Set<String> path) {
        if (ordered.contains(table) || !path.add(table)) {
            return;
        }
        for (String parent : src.createQuery("select \"table\" from pragma_foreign_key_list(:t)").bind("t", table).mapTo(String.class).list()) {
            if (!parent.equals(table)) {
                visit(src, parent, ordered, path);
            }
        }
        ordered.add(table);
    }

    private static void refuseIfNotEmpty(Handle dst, List<String> tables) {
        List<String> holding = new ArrayList<>();
        for (String table : tables) {
            if (!columns(dst, table).isEmpty() && count(dst, table) > 0) {
                holding.add(table);
            }
        }
        if (!holding.isEmpty()) {
            throw new IllegalArgumentException("the target database is not empty (rows in " + String.join(", ", holding)
                    + "); migrate moves an install only into an empty database.");
        }
    }

    private static long copyTable(Handle src, Handle dst, String table) {
        Map<String, String> targetTypes = columns(dst, table);
        if (targetTypes.isEmpty()) {
            throw new IllegalStateException("table " + table + " is in the source but not in the target; is the target's schema older?");
        }
        List<String> cols = src.createQuery("select name from pragma_table_info(:t) order by cid").bind("t", table).mapTo(String.class)
                .list().stream().filter(targetTypes::containsKey).toList();
        String insert = "insert into " + table + " (" + String.join(", ", cols) + ") values ("
                + String.join(", ", cols.stream().map(c -> ":" + c).toList()) + ")";
        long[] rows = {0};
        // rowid order: the order rows were written in (the Matrix outbox sends in it)
        src.createQuery("select " + String.join(", ", cols) + " from " + table + " order by rowid").map((rs, ctx) -> {
            var update = dst.createUpdate(insert);
            for (int i = 0; i < cols.size(); i++) {
                update.bind(cols.get(i), value(rs.getObject(i + 1), targetTypes.get(cols.get(i))));
            }
            update.execute();
            return ++rows[0];
        }).forEach(n -> { });
        return rows[0];
    }

    /** SQLite's value as the target column's type wants it. */
    private static Object value(Object v, String type) {
        if (v == null) {
            return null;
        }
        return switch (type) {
            case "bigint", "integer", "smallint" -> v instanceof Number n ? n.longValue() : Long.parseLong(v.toString());
            default -> v.toString();
        };
    }

    /** The target table's columns and their types; empty when it has no such table. */
    private static Map<String, String> columns(Handle dst, String table) {
        Map<String, String> types = new LinkedHashMap<>();
        dst.createQuery("select column_name, data_type from information_schema.columns where table_schema = current_schema()"
                        + " and table_name = :t order by ordinal_position").bind("t", table)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT)))
                .forEach(e -> types.put(e.getKey(), e.getValue()));
        return types;
    }

    private static long count(Handle h, String table) {
        return h.createQuery("select count(*) from " + table).mapTo(Long.class).one();
    }

    /** Each identity column continues after the largest id copied into it. */
    private static void advanceSequences(Handle dst) {
        List<Map.Entry<String, String>> identities = dst.createQuery("""
                        select table_name, column_name from information_schema.columns
                        where table_schema = current_schema() and is_identity = 'YES'""")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list();
        for (var id : identities) {
            dst.createQuery("select setval(pg_get_serial_sequence(:t, :c), coalesce((select max(" + id.getValue() + ") from "
                            + id.getKey() + "), 0) + 1, false)")
                    .bind("t", id.getKey()).bind("c", id.getValue()).mapTo(Long.class).one();
        }
    }
}
