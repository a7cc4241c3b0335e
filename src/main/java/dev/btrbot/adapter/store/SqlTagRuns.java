package dev.btrbot.adapter.store;

import dev.btrbot.core.port.TagRunRepo;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.Sha;
import dev.btrbot.domain.TagCheck;
import dev.btrbot.domain.TagRun;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
            return new TagRun(id, release, candidateId, kind, tagName, requester, TagRun.State.RUNNING, at, null, null, null, null,
                    List.of());
        } catch (UnableToExecuteStatementException e) {
            if (Columns.isUniqueViolation(e)) {
                throw new Refusal("A tag run for " + release + " is already running or this candidate is tagged already.");
            }
            throw e;
        }
    }

    @Override
    public void launched(long runId, TagRun.Launch launch) {
        int rows = h.createUpdate("""
                        update tag_run set command_host = :host, command_pid = :pid, command_start = :start, command_log = :log
                        where id = :id and state = 'running'""")
                .bind("host", launch.host()).bind("pid", launch.pid()).bind("start", launch.start()).bind("log", launch.log())
                .bind("id", runId).execute();
        if (rows != 1) {
            throw new IllegalStateException("tag run " + runId + " is no longer running; its command must not start");
        }
    }

    @Override
    public boolean finish(long runId, TagRun.State state, Integer exitCode, String output, List<TagCheck> checks, Instant at) {
        boolean ended = h.createUpdate("""
                        update tag_run set state = :s, exit_code = :code, output = :out, ended_at = :at
                        where id = :id and state = 'running'""")
                .bind("s", state.label()).bind("code", exitCode).bind("out", output).bind("at", Columns.text(at)).bind("id", runId)
                .execute() == 1;
        if (ended) {
            for (int i = 0; i < checks.size(); i++) {
                TagCheck c = checks.get(i);
                h.createUpdate("""
                                insert into tag_run_check (run_id, position, repo, signed_sha, found_sha, problem)
                                values (:run, :pos, :repo, :signed, :found, :problem)""")
                        .bind("run", runId).bind("pos", i).bind("repo", c.repo().url()).bind("signed", c.signed().value())
                        .bind("found", c.found() == null ? null : c.found().value()).bind("problem", c.problem()).execute();
            }
        }
        return ended;
    }

    @Override
    public List<TagRun> forRelease(ReleaseName release) {
        Map<Long, List<TagCheck>> checks = new HashMap<>();
        h.createQuery("""
                        select c.* from tag_run_check c join tag_run r on r.id = c.run_id
                        where r.release = :r order by c.run_id, c.position""")
                .bind("r", release.value())
                .map((rs, ctx) -> Map.entry(rs.getLong("run_id"), checkOf(rs)))
                .forEach(e -> checks.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return h.createQuery("select * from tag_run where release = :r order by id").bind("r", release.value())
                .map((rs, ctx) -> rowOf(rs, checks.getOrDefault(rs.getLong("id"), List.of()))).list();
    }

    @Override
    public List<Running> running() {
        return h.createQuery("select * from tag_run where state = 'running' order by id")
                .map((rs, ctx) -> new Running(rowOf(rs, List.of()), rs.getString("owner"),
                        Columns.instant(rs, rs.getString("heartbeat_at") != null ? "heartbeat_at" : "started_at")))
                .list();
    }

    @Override
    public void heartbeat(long runId, Instant at) {
        h.createUpdate("update tag_run set heartbeat_at = :at where id = :id and state = 'running'")
                .bind("at", Columns.text(at)).bind("id", runId).execute();
    }

    private static TagCheck checkOf(ResultSet rs) throws SQLException {
        String found = rs.getString("found_sha");
        return new TagCheck(new RepoRef(rs.getString("repo")), new Sha(rs.getString("signed_sha")),
                found == null ? null : new Sha(found), rs.getString("problem"));
    }

    private static TagRun rowOf(ResultSet rs, List<TagCheck> checks) throws SQLException {
        int code = rs.getInt("exit_code");
        Integer exit = rs.wasNull() ? null : code;
        long pid = rs.getLong("command_pid");
        TagRun.Launch launch = rs.wasNull() ? null
                : new TagRun.Launch(rs.getString("command_host"), pid, rs.getString("command_start"), rs.getString("command_log"));
        return new TagRun(rs.getLong("id"), new ReleaseName(rs.getString("release")), rs.getString("candidate_id"),
                TagRun.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), rs.getString("tag_name"),
                new MemberId(rs.getString("requester")), TagRun.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                Columns.instant(rs, "started_at"), Columns.instant(rs, "ended_at"), exit, rs.getString("output"), launch, checks);
    }
}
