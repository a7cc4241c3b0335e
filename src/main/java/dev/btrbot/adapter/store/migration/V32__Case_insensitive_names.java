package dev.btrbot.adapter.store.migration;

import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Release and member names became case-insensitive: each stored name takes its one canonical form
 * ({@link ReleaseName#canonical}, {@link MemberId#canonical}) in every table that refers to it.
 *
 * <ul>
 *   <li>A member stored twice under two spellings ({@code Adolfo}, {@code adolfo}) becomes one member: the
 *       spelling's rows move to the canonical one; where both hold the same place (a pool slot, a sign-off on
 *       one candidate) the canonical member's row is kept.</li>
 *   <li>A release whose canonical name is taken by another release ({@code Lime.3} beside {@code lime.3}) is
 *       renamed {@code lime.3-2} (the first free suffix), and the audit log says so.</li>
 *   <li>The audit log keeps what it recorded (it is append-only); it is read case-insensitively by release.</li>
 * </ul>
 */
public class V32__Case_insensitive_names extends BaseJavaMigration {
    /** Tables naming a release, moved once its candidates stand under the new name (sign-offs and tag runs point at them). */
    private static final List<String> RELEASE_COLUMNS = List.of("release_policy.release", "assignment.release",
            "blocker.release", "signoff.release", "hold.release", "github_sync.release",
            "release_schedule.release", "scheduled_post.release", "tag_run.release", "announcement.release");
    private static final List<String> MEMBER_COLUMNS = List.of("away_period.member", "role_pool.member",
            "assignment.member", "signoff.member", "hold.member", "hold.lifted_by", "blocker.waived_by",
            "tag_run.requester", "matrix_dm.member");
    /** Rows that would repeat a unique key once the spelling is merged: the canonical member's row wins. */
    private static final List<String> MEMBER_DUPLICATES = List.of(
            "delete from role_pool where member = ? and role in (select role from role_pool where member = ?)",
            "delete from signoff where member = ? and exists (select 1 from signoff s where s.member = ?"
                    + " and s.release = signoff.release and s.candidate_id = signoff.candidate_id)",
            "delete from matrix_dm where member = ? and exists (select 1 from matrix_dm d where d.member = ?)");

    @Override
    public void migrate(Context context) throws SQLException {
        Connection db = context.getConnection();
        for (String name : distinct(db, "select name from release")) {
            String canonical = ReleaseName.canonical(name);
            if (!canonical.equals(name)) {
                renameRelease(db, name, canonical);
            }
        }
        for (String id : distinct(db, "select id from member")) {
            String canonical = MemberId.canonical(id);
            if (!canonical.equals(id)) {
                mergeMember(db, id, canonical);
            }
        }
    }

    private static void renameRelease(Connection db, String from, String canonical) throws SQLException {
        String to = canonical;
        for (int n = 2; exists(db, "select 1 from release where name = ?", to); n++) {
            to = canonical + "-" + n;
        }
        update(db, "insert into release (name, branch, repos, milestone, label, target, channel, tag_template, rc_template,"
                + " state, created_at) select ?, branch, repos, milestone, label, target, channel, tag_template, rc_template,"
                + " state, created_at from release where name = ?", to, from);
        // parents before children, old rows after: every foreign key holds after each statement, on SQLite and on
        // PostgreSQL (whose keys are not deferrable)
        update(db, "insert into candidate (release, id, heads, first_seen, seq, seen_order)"
                + " select ?, id, heads, first_seen, seq, seen_order from candidate where release = ?", to, from);
        for (String column : RELEASE_COLUMNS) {
            String[] tc = column.split("\\.");
            update(db, "update " + tc[0] + " set " + tc[1] + " = ? where " + tc[1] + " = ?", to, from);
        }
        update(db, "delete from candidate where release = ?", from);
        update(db, "delete from release where name = ?", from);
        if (!to.equals(canonical)) {
            update(db, "insert into audit_event (at, actor, release, action, details) values (?, 'btr-bot', ?, 'release.rename', ?)",
                    Instant.now().toString(), to, from + " → " + to + ": release names are case-insensitive now and "
                            + canonical + " names another release");
        }
    }

    private static void mergeMember(Connection db, String from, String to) throws SQLException {
        if (!exists(db, "select 1 from member where id = ?", to)) {
            update(db, "insert into member (id, display_name, github_login, time_zone)"
                    + " select ?, display_name, github_login, time_zone from member where id = ?", to, from);
        } else {
            for (String duplicate : MEMBER_DUPLICATES) {
                update(db, duplicate, from, to);
            }
        }
        for (String column : MEMBER_COLUMNS) {
            String[] tc = column.split("\\.");
            update(db, "update " + tc[0] + " set " + tc[1] + " = ? where " + tc[1] + " = ?", to, from);
        }
        update(db, "delete from member where id = ?", from);
    }

    private static List<String> distinct(Connection db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static boolean exists(Connection db, String sql, String value) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            st.setString(1, value);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void update(Connection db, String sql, String... values) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setString(i + 1, values[i]);
            }
            st.executeUpdate();
        }
    }
}
