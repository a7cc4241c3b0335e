package dev.btrbot.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for the whole test run (the binaries come from a Maven artifact; the server
 * listens on a free loopback port, its data in a temporary folder, and stops when the JVM does), with a fresh,
 * empty database for whoever asks. Run as root (CI), the server drops to an unprivileged user by itself
 * ({@code unshare -U}), as PostgreSQL refuses to run as root.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off").start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL server", e);
            }
        }
        return server;
    }

    /** A new, empty database on the test server: its JDBC URL (user {@link #USER}, no password). */
    public static String freshDatabase() {
        EmbeddedPostgres pg = server();
        String name = "btr_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (var c = pg.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
            st.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database", e);
        }
        return pg.getJdbcUrl(USER, name).replaceAll("[?&]user=[^&]*", "");
    }

    public static final String USER = "postgres";
}
