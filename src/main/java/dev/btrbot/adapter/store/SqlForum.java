package dev.btrbot.adapter.store;

import dev.btrbot.core.port.ForumRepo;
import dev.btrbot.domain.ForumPost;
import dev.btrbot.domain.ForumReport;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

final class SqlForum implements ForumRepo {
    private final Handle h;

    SqlForum(Handle h) {
        this.h = h;
    }

    @Override
    public List<String> aliases(ReleaseName release) {
        return h.createQuery("select alias from release_alias where release = :r order by alias").bind("r", release.value())
                .mapTo(String.class).list();
    }

    @Override
    public boolean addAlias(ReleaseName release, String alias) {
        return h.createUpdate("insert into release_alias (release, alias) values (:r, :a) on conflict do nothing")
                .bind("r", release.value()).bind("a", alias).execute() == 1;
    }

    @Override
    public boolean removeAlias(ReleaseName release, String alias) {
        return h.createUpdate("delete from release_alias where release = :r and alias = :a").bind("r", release.value())
                .bind("a", alias).execute() == 1;
    }

    @Override
    public List<ForumReport> reports(ReleaseName release) {
        return h.createQuery("select * from forum_report where release = :r order by number").bind("r", release.value())
                .map((rs, ctx) -> row(release, rs)).list();
    }

    @Override
    public Optional<ForumReport> report(ReleaseName release, int number) {
        return h.createQuery("select * from forum_report where release = :r and number = :n").bind("r", release.value())
                .bind("n", number).map((rs, ctx) -> row(release, rs)).findOne();
    }

    @Override
    public Optional<ForumReport> reportOfTopic(ReleaseName release, long topicId) {
        return h.createQuery("select * from forum_report where release = :r and topic_id = :t").bind("r", release.value())
                .bind("t", topicId).map((rs, ctx) -> row(release, rs)).findOne();
    }

    @Override
    public ForumReport addReport(ReleaseName release, ForumPost post, Instant foundAt) {
        h.createUpdate("""
                        insert into forum_report (release, number, topic_id, url, title, author, created_at, excerpt, found_at)
                        values (:r, (select coalesce(max(number), 0) + 1 from forum_report where release = :r),
                                :topic, :url, :title, :author, :created, :excerpt, :found)""")
                .bind("r", release.value()).bind("topic", post.topicId()).bind("url", post.url().toString())
                .bind("title", post.topicTitle()).bind("author", post.author()).bind("created", Columns.text(post.createdAt()))
                .bind("excerpt", post.excerpt()).bind("found", Columns.text(foundAt)).execute();
        return reportOfTopic(release, post.topicId()).orElseThrow();
    }

    @Override
    public void addReply(ReleaseName release, int number, Instant at, String by) {
        ForumReport now = report(release, number).orElseThrow();
        boolean newest = now.lastReplyAt() == null || !at.isBefore(now.lastReplyAt());
        h.createUpdate("""
                        update forum_report set replies = replies + 1, last_reply_at = :at, last_reply_by = :by
                        where release = :r and number = :n""")
                .bind("at", Columns.text(newest ? at : now.lastReplyAt())).bind("by", newest ? by : now.lastReplyBy())
                .bind("r", release.value()).bind("n", number).execute();
    }

    @Override
    public boolean seen(long postId) {
        return h.createQuery("select count(*) from forum_post_seen where post_id = :p").bind("p", postId).mapTo(Long.class).one() > 0;
    }

    @Override
    public void markSeen(long postId, ReleaseName release, int number) {
        h.createUpdate("insert into forum_post_seen (post_id, release, report_number) values (:p, :r, :n) on conflict do nothing")
                .bind("p", postId).bind("r", release.value()).bind("n", number).execute();
    }

    @Override
    public void triage(ReleaseName release, int number, ForumReport.State state, MemberId by, Instant at, String reason,
                       Integer blockerNumber) {
        h.createUpdate("""
                        update forum_report set state = :state, triaged_by = :by, triaged_at = :at, reason = :reason,
                               blocker_number = :blocker
                        where release = :r and number = :n""")
                .bind("state", state.label()).bind("by", by.value()).bind("at", Columns.text(at)).bind("reason", reason)
                .bind("blocker", blockerNumber).bind("r", release.value()).bind("n", number).execute();
    }

    @Override
    public void setIssue(ReleaseName release, int number, String issueUrl) {
        h.createUpdate("update forum_report set issue_url = :url where release = :r and number = :n").bind("url", issueUrl)
                .bind("r", release.value()).bind("n", number).execute();
    }

    @Override
    public Cursor cursor() {
        return h.createQuery("select * from forum_cursor where id = 1")
                .map((rs, ctx) -> new Cursor(rs.getLong("last_post_id"), Columns.instant(rs, "attempted_at"),
                        Columns.instant(rs, "polled_at"), Columns.instant(rs, "unreachable_since"), rs.getString("last_error")))
                .findOne().orElse(Cursor.NEVER);
    }

    private void ensureCursor() {
        h.createUpdate("insert into forum_cursor (id) values (1) on conflict do nothing").execute();
    }

    @Override
    public void advance(long lastPostId, Instant at) {
        ensureCursor();
        h.createUpdate("""
                        update forum_cursor set last_post_id = case when last_post_id < :id then :id else last_post_id end,
                               attempted_at = :at, polled_at = :at, unreachable_since = null, last_error = null
                        where id = 1""")
                .bind("id", lastPostId).bind("at", Columns.text(at)).execute();
    }

    @Override
    public void failed(Instant at, String error) {
        ensureCursor();
        h.createUpdate("""
                        update forum_cursor set attempted_at = :at, unreachable_since = coalesce(unreachable_since, :at),
                               last_error = :error
                        where id = 1""")
                .bind("at", Columns.text(at)).bind("error", error).execute();
    }

    private static ForumReport row(ReleaseName release, ResultSet rs) throws SQLException {
        String by = rs.getString("triaged_by");
        int blocker = rs.getInt("blocker_number");
        Integer blockerNumber = rs.wasNull() ? null : blocker;
        return new ForumReport(release, rs.getInt("number"), rs.getLong("topic_id"), rs.getString("url"), rs.getString("title"),
                rs.getString("author"), Columns.instant(rs, "created_at"), rs.getString("excerpt"), Columns.instant(rs, "found_at"),
                ForumReport.State.parse(rs.getString("state")), by == null ? null : new MemberId(by),
                Columns.instant(rs, "triaged_at"), rs.getString("reason"), blockerNumber, rs.getString("issue_url"),
                rs.getInt("replies"), Columns.instant(rs, "last_reply_at"), rs.getString("last_reply_by"));
    }
}
