package dev.btrbot.adapter.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.StoreTx;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.SerializableTransactionRunner;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The store on PostgreSQL, shared by every replica. Write transactions run one at a time across all
 * replicas, as on SQLite: each takes a transaction-scoped advisory lock first (released at commit or
 * rollback, so a pooler in transaction mode keeps it right), then works at READ COMMITTED, so a write
 * sees every write committed before it and no use case needs a retry. Reads take one snapshot
 * (REPEATABLE READ) and wait for nobody. Connections come from a HikariCP pool.
 */
public final class PostgresStore implements Store, Database {
    /** The advisory lock key every write transaction takes ("btrwrite" in ASCII). */
    static final long WRITE_LOCK = 0x6274727772697465L;

    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final Jdbi forAdapters;
    private final String description;

    private PostgresStore(HikariDataSource pool, String description) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        // adapters' own transactions (Matrix) ask for SERIALIZABLE: PostgreSQL may refuse one that raced another
        // (SQLSTATE 40001), and it is then run again; they only touch the database, so running one again is safe
        this.forAdapters = Jdbi.create(pool);
        this.forAdapters.setTransactionHandler(new SerializableTransactionRunner());
        this.description = description;
    }

    static PostgresStore open(DatabaseLocation.Postgres at, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(at.jdbcUrl());
        if (at.user() != null) {
            config.setUsername(at.user());
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("btr-store");
        // a database that stops answering fails a call within seconds, well inside the leader lease's renewal period,
        // so a leader cut off from it notices before its lease runs out instead of hanging on a socket
        config.setConnectionTimeout(5_000);
        config.addDataSourceProperty("socketTimeout", "10");
        config.setMaximumPoolSize(10);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/postgresql", "classpath:db/migration")
                    .javaMigrations(new dev.btrbot.adapter.store.migration.V32__Case_insensitive_names())
                    .loggers("slf4j").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new PostgresStore(pool, at.toString());
    }

    /** For tests: the database at {@code jdbcUrl}. */
    static PostgresStore open(String jdbcUrl, String user, String password) {
        return open(new DatabaseLocation.Postgres(jdbcUrl, user), password);
    }

    @Override
    public <T> T read(Function<StoreTx, T> work) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> work.apply(new JdbiTx(h)));
    }

    @Override
    public <T> T write(Function<StoreTx, T> work) {
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
            h.createQuery("select pg_advisory_xact_lock(:key)").bind("key", WRITE_LOCK).mapTo(String.class).one();
            return work.apply(new JdbiTx(h));
        });
    }

    @Override
    public Store store() {
        return this;
    }

    @Override
    public Jdbi jdbi() {
        return forAdapters;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
    }
}
