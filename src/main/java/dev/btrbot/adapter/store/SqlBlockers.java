package dev.btrbot.adapter.store;

import dev.btrbot.core.port.BlockerRepo;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Priority;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

final class SqlBlockers implements BlockerRepo {
    private final Handle h;

    SqlBlockers(Handle h) {
        this.h = h;
    }

    @Override
    public List<Blocker> forRelease(ReleaseName release) {
        Map<Long, List<Blocker.FixCommit>> fixes = new HashMap<>();
        h.createQuery("""
                        select f.blocker_id, f.repo, f.sha from blocker_fix f join blocker b on b.id = f.blocker_id
                        where b.release = :r order by f.blocker_id, f.repo, f.sha""")
                .bind("r", release.value())
                .map((f, c) -> Map.entry(f.getLong("blocker_id"), new Blocker.FixCommit(new RepoRef(f.getString("repo")),
                        new Sha(f.getString("sha")))))
                .forEach(e -> fixes.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return h.createQuery("select * from blocker where release = :r order by number").bind("r", release.value())
                .map((rs, ctx) -> rowOf(release, rs, fixes.getOrDefault(rs.getLong("id"), List.of()))).list();
    }

    private static Blocker rowOf(ReleaseName release, java.sql.ResultSet rs, List<Blocker.FixCommit> fixes)
            throws java.sql.SQLException {
        String priority = rs.getString("priority");
        String waivedBy = rs.getString("waived_by");
        return new Blocker(release, rs.getInt("number"), rs.getString("url"), rs.getString("title"),
                priority == null ? null : Priority.parse(priority), Columns.date(rs, "reported"),
                Blocker.Origin.valueOf(rs.getString("source").toUpperCase(Locale.ROOT)), rs.getInt("open") == 1,
                waivedBy == null ? null : new Blocker.Waiver(new MemberId(waivedBy), rs.getString("waive_reason"),
                        Columns.instant(rs, "waived_at")),
                fixes, Columns.instant(rs, "created_at"), issueOf(rs));
    }

    private static Blocker.Issue issueOf(java.sql.ResultSet rs) throws java.sql.SQLException {
        String repo = rs.getString("gh_repo");
        if (repo == null) {
            return null;
        }
        return new Blocker.Issue(repo, rs.getInt("gh_number"), lines(rs.getString("labels")), lines(rs.getString("assignees")),
                Columns.instant(rs, "opened_at"), Columns.instant(rs, "updated_at"), Columns.instant(rs, "closed_at"));
    }

    private static List<String> lines(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }

    @Override
    public Blocker add(ReleaseName release, String url, String title, Priority priority, LocalDate reported,
                       Blocker.Origin source, Instant at) {
        try {
            h.createUpdate("""
                            insert into blocker (release, number, url, title, priority, reported, source, created_at)
                            values (:r, (select coalesce(max(number), 0) + 1 from blocker where release = :r),
                                    :url, :title, :priority, :reported, :source, :at)""")
                    .bind("r", release.value()).bind("url", url).bind("title", title)
                    .bind("priority", priority == null ? null : priority.label()).bind("reported", Columns.text(reported))
                    .bind("source", source.name().toLowerCase(Locale.ROOT)).bind("at", Columns.text(at)).execute();
        } catch (UnableToExecuteStatementException e) {
            if (Columns.isUniqueViolation(e)) {
                throw new Refusal(release + " lists " + url + " already.");
            }
            throw e;
        }
        return h.createQuery("select * from blocker where release = :r and url = :url").bind("r", release.value()).bind("url", url)
                .map((rs, ctx) -> rowOf(release, rs, List.of())).one();
    }

    @Override
    public void setOpen(ReleaseName release, int number, boolean open, Instant at) {
        h.createUpdate("update blocker set open = :open, closed_at = :at where release = :r and number = :n")
                .bind("open", open ? 1 : 0).bind("at", open ? null : Columns.text(at))
                .bind("r", release.value()).bind("n", number).execute();
    }

    @Override
    public void updateFromIssue(ReleaseName release, int number, String title, Priority priority, boolean open, Blocker.Issue issue) {
        h.createUpdate("""
                        update blocker set title = :title, priority = :p, open = :open, closed_at = :closed, gh_repo = :repo,
                               gh_number = :num, labels = :labels, assignees = :assignees, opened_at = :opened, updated_at = :updated
                        where release = :r and number = :n""")
                .bind("title", title).bind("p", priority == null ? null : priority.label()).bind("open", open ? 1 : 0)
                .bind("closed", Columns.text(issue.closed())).bind("repo", issue.repo()).bind("num", issue.number())
                .bind("labels", String.join("\n", issue.labels())).bind("assignees", String.join("\n", issue.assignees()))
                .bind("opened", Columns.text(issue.opened())).bind("updated", Columns.text(issue.updated()))
                .bind("r", release.value()).bind("n", number).execute();
    }

    @Override
    public void setPriority(ReleaseName release, int number, Priority priority) {
        h.createUpdate("update blocker set priority = :p where release = :r and number = :n")
                .bind("p", priority == null ? null : priority.label()).bind("r", release.value()).bind("n", number).execute();
    }

    @Override
    public void waive(ReleaseName release, int number, MemberId by, String reason, Instant at) {
        h.createUpdate("update blocker set waived_by = :by, waive_reason = :reason, waived_at = :at where release = :r and number = :n")
                .bind("by", by.value()).bind("reason", reason).bind("at", Columns.text(at))
                .bind("r", release.value()).bind("n", number).execute();
    }

    @Override
    public boolean addFix(ReleaseName release, int number, Blocker.FixCommit fix) {
        return h.createUpdate("""
                        insert into blocker_fix (blocker_id, repo, sha)
                        select id, :repo, :sha from blocker where release = :r and number = :n
                        on conflict do nothing""")
                .bind("repo", fix.repo().url()).bind("sha", fix.sha().value()).bind("r", release.value()).bind("n", number)
                .execute() == 1;
    }

    @Override
    public boolean removeFix(ReleaseName release, int number, Blocker.FixCommit fix) {
        return h.createUpdate("""
                        delete from blocker_fix where repo = :repo and sha = :sha
                        and blocker_id = (select id from blocker where release = :r and number = :n)""")
                .bind("repo", fix.repo().url()).bind("sha", fix.sha().value()).bind("r", release.value()).bind("n", number)
                .execute() == 1;
    }

    @Override
    public void relink(ReleaseName release, int number, String url) {
        h.createUpdate("update blocker set url = :url where release = :r and number = :n").bind("url", url)
                .bind("r", release.value()).bind("n", number).execute();
    }
}
