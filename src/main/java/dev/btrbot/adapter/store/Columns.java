package dev.btrbot.adapter.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

/** Reading the schema's text columns back into Java values. */
final class Columns {
    private Columns() {
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        String s = rs.getString(column);
        return s == null ? null : Instant.parse(s);
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        String s = rs.getString(column);
        return s == null ? null : LocalDate.parse(s);
    }

    static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    static String text(LocalDate day) {
        return day == null ? null : day.toString();
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // SQLite says so in words; PostgreSQL by SQLSTATE 23505 (unique_violation)
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("UNIQUE constraint failed")) {
                return true;
            }
        }
        return false;
    }

}
