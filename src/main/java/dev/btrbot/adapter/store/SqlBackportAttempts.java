package dev.btrbot.adapter.store;

import dev.btrbot.core.port.BackportAttemptRepo;
import dev.btrbot.domain.BackportAttempt;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RepoRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

final class SqlBackportAttempts implements BackportAttemptRepo {
    private final Handle h;

    SqlBackportAttempts(Handle h) {
        this.h = h;
    }

    @Override
    public void record(BackportAttempt a) {
        int attempt = h.createQuery("select coalesce(max(attempt), 0) + 1 from backport_attempt where release = :r and repo = :repo and pr = :pr")
                .bind("r", a.release().value()).bind("repo", a.repo().url()).bind("pr", a.pr()).mapTo(Integer.class).one();
        h.createUpdate("insert into backport_attempt (release, repo, pr, attempt, outcome, branch, url, conflict_files, detail, by_member, at)"
                        + " values (:r, :repo, :pr, :attempt, :outcome, :branch, :url, :files, :detail, :by, :at)")
                .bind("r", a.release().value()).bind("repo", a.repo().url()).bind("pr", a.pr()).bind("attempt", attempt)
                .bind("outcome", a.outcome().stored).bind("branch", a.branch().value()).bind("url", a.url())
                .bind("files", String.join("\n", a.conflictFiles())).bind("detail", a.detail()).bind("by", a.by().value())
                .bind("at", Columns.text(a.at())).execute();
    }

    @Override
    public Optional<BackportAttempt> latest(ReleaseName release, RepoRef repo, int pr) {
        return h.createQuery("select * from backport_attempt where release = :r and repo = :repo and pr = :pr order by attempt desc limit 1")
                .bind("r", release.value()).bind("repo", repo.url()).bind("pr", pr).map((rs, ctx) -> attempt(rs)).findOne();
    }

    @Override
    public List<BackportAttempt> all(ReleaseName release) {
        return h.createQuery("select * from backport_attempt where release = :r order by at, repo, pr, attempt")
                .bind("r", release.value()).map((rs, ctx) -> attempt(rs)).list();
    }

    private static BackportAttempt attempt(ResultSet rs) throws SQLException {
        String files = rs.getString("conflict_files");
        return new BackportAttempt(new ReleaseName(rs.getString("release")), new RepoRef(rs.getString("repo")), rs.getInt("pr"),
                BackportAttempt.Outcome.of(rs.getString("outcome")), new GitRefName(rs.getString("branch")), rs.getString("url"),
                files == null || files.isEmpty() ? List.of() : List.of(files.split("\n")), rs.getString("detail"),
                new MemberId(rs.getString("by_member")), Columns.instant(rs, "at"));
    }
}
