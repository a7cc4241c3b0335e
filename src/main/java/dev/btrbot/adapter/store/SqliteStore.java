package dev.btrbot.adapter.store;

import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.StoreTx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store on a SQLite file: WAL journal, a busy timeout so two processes on
 * one file wait for each other instead of failing, foreign keys enforced, and
 * write transactions that take the write lock at BEGIN (IMMEDIATE), so two
 * writers never deadlock on a lock upgrade. The schema is Flyway's.
 */
public final class SqliteStore implements Store, Database {
    private final Jdbi writer;
    private final Jdbi reader;
    private final Path file;

    private SqliteStore(Jdbi writer, Jdbi reader, Path file) {
        this.writer = writer;
        this.reader = reader;
        this.file = file;
    }

    /**
     * Why {@code file} holds no database yet: it does not exist, or it is
     * empty (SQLite would take a zero-byte file for a new database); null when
     * it has content. Opening either would create an empty database.
     */
    public static String missingOrEmpty(Path file) {
        try {
            if (!Files.exists(file)) {
                return "the database " + file.toAbsolutePath() + " does not exist";
            }
            return Files.size(file) == 0 ? "the database " + file.toAbsolutePath() + " is empty (0 bytes)" : null;
        } catch (java.io.IOException e) {
            return "the database " + file.toAbsolutePath() + " cannot be read (" + e.getMessage() + ")";
        }
    }

    public static SqliteStore open(Path file) {
        SQLiteDataSource writes = migrated(file);
        SQLiteDataSource reads = dataSource(url(file), SQLiteConfig.TransactionMode.DEFERRED);
        return new SqliteStore(Jdbi.create(writes), Jdbi.create(reads), file);
    }

    /**
     * Jdbi for write transactions on the bot's file, with the same settings
     * and schema as the store: for adapters that keep platform state (sync
     * tokens, outboxes) in the same file, in SQL of their own.
     */
    public static Jdbi writer(Path file) {
        return Jdbi.create(migrated(file));
    }

    private static SQLiteDataSource migrated(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the folder of " + file, e);
        }
        SQLiteDataSource writes = dataSource(url(file), SQLiteConfig.TransactionMode.IMMEDIATE);
        // db/sqlite: the SQLite-only history (V1 to V25, unchanged since they were applied); db/migration: both databases
        Flyway.configure().dataSource(writes).locations("classpath:db/sqlite", "classpath:db/migration")
                .javaMigrations(new dev.btrbot.adapter.store.migration.V32__Case_insensitive_names())
                .loggers("slf4j").load().migrate();
        return writes;
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    private static SQLiteDataSource dataSource(String url, SQLiteConfig.TransactionMode mode) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(30_000);
        config.enforceForeignKeys(true);
        config.setTransactionMode(mode);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(url);
        return ds;
    }

    @Override
    public <T> T read(Function<StoreTx, T> work) {
        return reader.inTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> work.apply(new JdbiTx(h)));
    }

    @Override
    public <T> T write(Function<StoreTx, T> work) {
        return writer.inTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> work.apply(new JdbiTx(h)));
    }

    @Override
    public Store store() {
        return this;
    }

    @Override
    public Jdbi jdbi() {
        return writer;
    }

    @Override
    public String describe() {
        return "SQLite " + file.toAbsolutePath();
    }

    /** Nothing to release: every transaction opens and closes its own connection. */
    @Override
    public void close() {
    }
}
