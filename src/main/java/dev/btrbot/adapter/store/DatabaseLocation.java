package dev.btrbot.adapter.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where {@code BTR_DB} points: a SQLite file (a path: the default), or a PostgreSQL database
 * ({@code postgresql://user@host:5432/btr} or a {@code jdbc:postgresql:} URL). A password never
 * comes from here: it would show in process listings and logs.
 */
sealed interface DatabaseLocation {

    record SqliteFile(Path file) implements DatabaseLocation {
    }

    /** @param jdbcUrl without a password; {@code user} null when the URL names none */
    record Postgres(String jdbcUrl, String user) implements DatabaseLocation {
        @Override
        public String toString() {
            return "PostgreSQL " + jdbcUrl.replaceFirst("^jdbc:postgresql:", "") + (user == null ? "" : " as " + user);
        }
    }

    static DatabaseLocation parse(String raw) {
        String location = raw == null || raw.isBlank() ? "btr.db" : raw.strip();
        if (location.startsWith("jdbc:postgresql:")) {
            if (location.matches("(?i).*[?&]password=.*")) {
                throw new IllegalArgumentException(passwordHere());
            }
            return new Postgres(location, null);
        }
        if (location.startsWith("postgresql://") || location.startsWith("postgres://")) {
            return fromUri(location);
        }
        if (location.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !location.matches("^[A-Za-z]:[\\\\/].*")) {
            throw new IllegalArgumentException("BTR_DB must be a SQLite file path, a postgresql://user@host:5432/name URL or a"
                    + " jdbc:postgresql: URL, not '" + location.replaceAll(":[^@/]*@", ":***@") + "'.");
        }
        return new SqliteFile(Path.of(location));
    }

    private static Postgres fromUri(String location) {
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("BTR_DB is not a valid URL (" + e.getReason() + ").");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw new IllegalArgumentException(passwordHere());
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("BTR_DB must name a host and a database: postgresql://user@host:5432/btr.");
        }
        String query = uri.getRawQuery();
        if (query != null && query.matches("(?i)(.*&)?password=.*")) {
            throw new IllegalArgumentException(passwordHere());
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getRawPath()
                + (query == null ? "" : "?" + query);
        return new Postgres(jdbc, uri.getUserInfo());
    }

    private static String passwordHere() {
        return "BTR_DB must not carry the password: set BTR_DB_PASSWORD or BTR_DB_PASSWORD_FILE instead.";
    }
}
