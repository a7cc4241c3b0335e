package dev.btrbot.adapter.store;

import dev.btrbot.core.port.TagRunRepo;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.TagRun;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

final class SqlTagRuns implements TagRunRepo {
    private final Handle h;

    SqlTagRuns(Handle h) {
        this.h = h;
    }

    @Override
    public TagRun start(ReleaseName release, String candidateId, TagRun.Kind kind, String tagName, MemberId requester,
                        Instant at, String owner) {
        try {
            long id = h.createUpdate("""
                            insert into tag_run (release, candidate_id, kind, tag_name, requester, owner, state, started_at)
                            values (:r, :c, :kind, :tag, :who, :owner, 'running', :at)""")
                    .bind("r", release.value()).bind("c", candidateId).bind("kind", kind.label()).bind("tag", tagName)
                    .bind("who", requester.value()).bind("owner", owner).bind("at", Columns.text(at))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return new TagRun(id, release, candidateId, kind, tagName, requester, TagRun.State.RUNNING, at, null, null, null);
        } catch (UnableToExecuteStatementException e) {
            if (Columns.isUniqueViolation(e)) {
                throw new Refusal("A tag run for " + release + " is already running or this candidate is tagged already.");
            }
            throw e;
        }
    }

    @Override
    public boolean finish(long runId, TagRun.State state, Integer exitCode, String output, Instant at) {
        return h.createUpdate("update tag_run set state = :s, exit_code = :code, output = :out, ended_at = :at where id = :id and state = 'running'")
                .bind("s", state.label()).bind("code", exitCode).bind("out", output).bind("at", Columns.text(at)).bind("id", runId)
                .execute() == 1;
    }

    @Override
    public List<TagRun> forRelease(ReleaseName release) {
        return h.createQuery("select * from tag_run where release = :r order by id").bind("r", release.value())
                .map((rs, ctx) -> rowOf(rs)).list();
    }

    @Override
    public void heartbeat(long runId, Instant at) {
        h.createUpdate("update tag_run set heartbeat_at = :at where id = :id and state = 'running'")
                .bind("at", Columns.text(at)).bind("id", runId).execute();
    }

    @Override
    public List<TagRun> interruptOrphans(BiPredicate<String, Instant> ownerGone, Instant at) {
        List<TagRun> orphans = new ArrayList<>();
        for (var row : h.createQuery("select * from tag_run where state = 'running' order by id")
                .map((rs, ctx) -> new Running(rs.getString("owner"),
                        Columns.instant(rs, rs.getString("heartbeat_at") != null ? "heartbeat_at" : "started_at"), rowOf(rs)))
                .list()) {
            if (ownerGone.test(row.owner(), row.lastSign())) {
                h.createUpdate("update tag_run set state = 'interrupted', ended_at = :at where id = :id and state = 'running'")
                        .bind("at", Columns.text(at)).bind("id", row.run().id()).execute();
                orphans.add(row.run());
            }
        }
        return orphans;
    }

    private record Running(String owner, Instant lastSign, TagRun run) {
    }

    private static TagRun rowOf(ResultSet rs) throws SQLException {
        int code = rs.getInt("exit_code");
        Integer exit = rs.wasNull() ? null : code;
        return new TagRun(rs.getLong("id"), new ReleaseName(rs.getString("release")), rs.getString("candidate_id"),
                TagRun.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), rs.getString("tag_name"),
                new MemberId(rs.getString("requester")), TagRun.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                Columns.instant(rs, "started_at"), Columns.instant(rs, "ended_at"), exit, rs.getString("output"));
    }
}
