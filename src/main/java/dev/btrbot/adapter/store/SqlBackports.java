package dev.btrbot.adapter.store;

import dev.btrbot.core.port.BackportRepo;
import dev.btrbot.domain.BackportCandidate;
import dev.btrbot.domain.BackportLabels;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.PullRequestRef;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

final class SqlBackports implements BackportRepo {
    private final Handle h;

    SqlBackports(Handle h) {
        this.h = h;
    }

    @Override
    public List<BackportCandidate> forRelease(ReleaseName release) {
        return h.createQuery("select * from backport_candidate where release = :r order by first_seen, repo, pr")
                .bind("r", release.value()).map((rs, ctx) -> candidate(rs)).list();
    }

    @Override
    public Optional<BackportCandidate> find(ReleaseName release, PullRequestRef pr) {
        return h.createQuery("select * from backport_candidate where release = :r and repo = :repo and pr = :pr")
                .bind("r", release.value()).bind("repo", pr.repo().url()).bind("pr", pr.number())
                .map((rs, ctx) -> candidate(rs)).findOne();
    }

    @Override
    public boolean add(BackportCandidate c) {
        return h.createUpdate("""
                        insert into backport_candidate (release, repo, pr, title, author, merge_sha, merged_at, found_by, state,
                                                        landed, first_seen)
                        values (:r, :repo, :pr, :title, :author, :sha, :merged, :found, :state, :landed, :seen)
                        on conflict (release, repo, pr) do nothing""")
                .bind("r", c.release().value()).bind("repo", c.pr().repo().url()).bind("pr", c.pr().number())
                .bind("title", c.title()).bind("author", c.author()).bind("sha", c.mergeSha().value())
                .bind("merged", Columns.text(c.mergedAt())).bind("found", c.foundBy()).bind("state", c.state().label())
                .bind("landed", c.landed() == null ? null : c.landed().label()).bind("seen", Columns.text(c.firstSeen()))
                .execute() == 1;
    }

    @Override
    public void settle(BackportCandidate c) {
        h.createUpdate("""
                        update backport_candidate set state = :state, landed = :landed
                        where release = :r and repo = :repo and pr = :pr and state <> 'declined'""")
                .bind("state", c.state().label()).bind("landed", c.landed() == null ? null : c.landed().label())
                .bind("r", c.release().value()).bind("repo", c.pr().repo().url()).bind("pr", c.pr().number()).execute();
    }

    @Override
    public boolean decline(ReleaseName release, PullRequestRef pr, BackportCandidate.Decline decline) {
        return h.createUpdate("""
                        update backport_candidate set state = 'declined', landed = null, declined_by = :by, decline_reason = :why,
                               declined_at = :at
                        where release = :r and repo = :repo and pr = :pr and state <> 'declined'""")
                .bind("by", decline.by().value()).bind("why", decline.reason()).bind("at", Columns.text(decline.at()))
                .bind("r", release.value()).bind("repo", pr.repo().url()).bind("pr", pr.number()).execute() == 1;
    }

    @Override
    public Optional<BackportLabels> labels(ReleaseName release) {
        return h.createQuery("select patterns from backport_labels where release = :r").bind("r", release.value())
                .mapTo(String.class).findOne().map(BackportLabels::parse);
    }

    @Override
    public void setLabels(ReleaseName release, BackportLabels labels) {
        h.createUpdate("""
                        insert into backport_labels (release, patterns) values (:r, :p)
                        on conflict (release) do update set patterns = excluded.patterns""")
                .bind("r", release.value()).bind("p", String.join(",", labels.patterns())).execute();
    }

    private static BackportCandidate candidate(ResultSet rs) throws SQLException {
        BackportCandidate.State state = BackportCandidate.State.of(rs.getString("state"));
        String landed = rs.getString("landed");
        BackportCandidate.Decline decline = state != BackportCandidate.State.DECLINED ? null
                : new BackportCandidate.Decline(new MemberId(rs.getString("declined_by")), rs.getString("decline_reason"),
                        Columns.instant(rs, "declined_at"));
        return new BackportCandidate(new ReleaseName(rs.getString("release")),
                new PullRequestRef(new RepoRef(rs.getString("repo")), rs.getInt("pr")), rs.getString("title"),
                rs.getString("author"), new Sha(rs.getString("merge_sha")), Columns.instant(rs, "merged_at"),
                rs.getString("found_by"), state, landed == null ? null : BackportCandidate.Landed.of(landed), decline,
                Columns.instant(rs, "first_seen"));
    }
}
