package dev.btrbot.adapter.store;

import dev.btrbot.core.port.Store;
import org.jdbi.v3.core.Jdbi;

/**
 * The bot's database, open and migrated: a SQLite file or a PostgreSQL database, which only this package
 * tells apart. Adapters that keep platform state in tables of their own (Matrix) write through {@link #jdbi()}.
 */
public interface Database extends AutoCloseable {

    Store store();

    /** Jdbi on the same database, for adapters' own tables; their transactions stay short. */
    Jdbi jdbi();

    /** Where the database is, without secrets, for logs and {@code /healthz}. */
    String describe();

    @Override
    void close();

    /**
     * Opens (and migrates) the database {@code BTR_DB} names: a SQLite file path, or a PostgreSQL URL whose
     * password is {@code password} (from {@code BTR_DB_PASSWORD} or {@code BTR_DB_PASSWORD_FILE}; null for none).
     */
    static Database open(String location, String password) {
        DatabaseLocation at = DatabaseLocation.parse(location);
        if (at instanceof DatabaseLocation.Postgres postgres) {
            return PostgresStore.open(postgres, password);
        }
        return SqliteStore.open(((DatabaseLocation.SqliteFile) at).file());
    }

    /**
     * Why opening {@code location} would create a new, empty database (a SQLite file missing or empty: a volume
     * not mounted), or null. A PostgreSQL database is created by its administrator, never by the bot: null.
     */
    static String missingOrEmpty(String location) {
        return DatabaseLocation.parse(location) instanceof DatabaseLocation.SqliteFile file
                ? SqliteStore.missingOrEmpty(file.file()) : null;
    }

    /** Whether {@code location} names a SQLite file (whose folder then also holds the bot's local files). */
    static boolean isFile(String location) {
        return DatabaseLocation.parse(location) instanceof DatabaseLocation.SqliteFile;
    }
}
