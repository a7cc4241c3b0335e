package dev.btrbot.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store contract on a real PostgreSQL server, a new database for every test. */
class PostgresStoreTest extends StoreContract {
    private String url;

    @BeforeEach
    void freshDatabase() {
        url = TestPostgres.freshDatabase();
    }

    @Override
    Database openDatabase() {
        return PostgresStore.open(url, TestPostgres.USER, null);
    }

    @Override
    Connection connect() throws Exception {
        return DriverManager.getConnection(url, TestPostgres.USER, "");
    }

    @Override
    String uniqueViolation() {
        return "violates unique constraint";
    }

    @Test
    void theAuditLogCannotBeTruncatedEither() throws Exception {
        open();
        try (Connection c = connect()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.createStatement().execute("truncate audit_event"))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void anOpenedDatabaseSaysWhereItIsWithoutAPassword() {
        Database db = PostgresStore.open(url, TestPostgres.USER, "s3cret");
        try {
            assertThat(db.describe()).startsWith("PostgreSQL //localhost:").contains("as postgres").doesNotContain("s3cret");
        } finally {
            db.close();
        }
    }
}
