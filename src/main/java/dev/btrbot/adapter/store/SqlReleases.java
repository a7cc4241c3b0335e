package dev.btrbot.adapter.store;

import dev.btrbot.core.port.ReleaseRepo;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.QuorumPolicy;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseState;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.TagTemplate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

final class SqlReleases implements ReleaseRepo {
    private final Handle h;

    SqlReleases(Handle h) {
        this.h = h;
    }

    @Override
    public Optional<Release> find(ReleaseName name) {
        return h.createQuery("select * from release where name = :name").bind("name", name.value())
                .map((rs, ctx) -> rowOf(rs)).findOne().map(this::withPolicy);
    }

    @Override
    public List<Release> all() {
        return h.createQuery("select * from release order by created_at, name").map((rs, ctx) -> rowOf(rs)).list()
                .stream().map(this::withPolicy).toList();
    }

    private Release withPolicy(Release r) {
        Map<String, String> settings = new LinkedHashMap<>();
        h.createQuery("select key, value from release_policy where release = :r order by key").bind("r", r.name().value())
                .map((rs, ctx) -> Map.entry(rs.getString("key"), rs.getString("value")))
                .forEach(e -> settings.put(e.getKey(), e.getValue()));
        return r.withPolicy(QuorumPolicy.fromSettings(settings));
    }

    private static Release rowOf(java.sql.ResultSet rs) throws java.sql.SQLException {
        List<RepoRef> repos = Arrays.stream(rs.getString("repos").split("\n")).filter(s -> !s.isBlank()).map(RepoRef::new).toList();
        return new Release(new ReleaseName(rs.getString("name")), new GitRefName(rs.getString("branch")), repos,
                rs.getString("milestone"), rs.getString("label"), Columns.date(rs, "target"), rs.getString("channel"),
                new TagTemplate(rs.getString("tag_template")), new TagTemplate(rs.getString("rc_template")),
                ReleaseState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)), QuorumPolicy.DEFAULT,
                Columns.instant(rs, "created_at"));
    }

    /** Binds what defines a release (name, branch, repositories, milestone, label, target, channel, templates). */
    private static org.jdbi.v3.core.statement.Update definition(org.jdbi.v3.core.statement.Update update, Release r) {
        return update.bind("name", r.name().value())
                .bind("branch", r.branch().value())
                .bind("repos", String.join("\n", r.repos().stream().map(RepoRef::url).toList()))
                .bind("milestone", r.milestone())
                .bind("label", r.label())
                .bind("target", Columns.text(r.target()))
                .bind("channel", r.channel())
                .bind("tagTemplate", r.tagTemplate().pattern())
                .bind("rcTemplate", r.rcTemplate().pattern());
    }

    @Override
    public void update(Release r) {
        definition(h.createUpdate("""
                update release set branch = :branch, repos = :repos, milestone = :milestone, label = :label, target = :target,
                       channel = :channel, tag_template = :tagTemplate, rc_template = :rcTemplate
                where name = :name"""), r).execute();
    }

    @Override
    public void insert(Release r) {
        try {
            definition(h.createUpdate("""
                    insert into release (name, branch, repos, milestone, label, target, channel, tag_template, rc_template, state, created_at)
                    values (:name, :branch, :repos, :milestone, :label, :target, :channel, :tagTemplate, :rcTemplate, :state, :createdAt)"""), r)
                    .bind("state", r.state().label())
                    .bind("createdAt", Columns.text(r.createdAt()))
                    .execute();
        } catch (UnableToExecuteStatementException e) {
            if (Columns.isUniqueViolation(e)) {
                throw new Refusal("Release " + r.name() + " exists already.");
            }
            throw e;
        }
        r.policy().asSettings().forEach((k, v) -> {
            if (!QuorumPolicy.DEFAULT.asSettings().get(k).equals(v)) {
                setPolicy(r.name(), k, v);
            }
        });
    }

    @Override
    public void setState(ReleaseName name, ReleaseState state) {
        h.createUpdate("update release set state = :state where name = :name")
                .bind("state", state.label()).bind("name", name.value()).execute();
    }

    @Override
    public void setPolicy(ReleaseName name, String key, String value) {
        h.createUpdate("insert into release_policy (release, key, value) values (:r, :k, :v) "
                        + "on conflict (release, key) do update set value = excluded.value")
                .bind("r", name.value()).bind("k", key).bind("v", value).execute();
    }

    /** Children first: each table that names the release, in an order its foreign keys allow. */
    private static final List<String> DEPENDENTS = List.of(
            "forum posts:delete from forum_post_seen where release = :r",
            "forum reports:delete from forum_report where release = :r",
            "aliases:delete from release_alias where release = :r",
            "notes approvals:delete from notes_approval where release = :r",
            "tag checks:delete from tag_run_check where run_id in (select id from tag_run where release = :r)",
            "announcements:delete from announcement where release = :r",
            "tag runs:delete from tag_run where release = :r",
            "sign-offs:delete from signoff where release = :r",
            "candidates:delete from candidate where release = :r",
            "fixes:delete from blocker_fix where blocker_id in (select id from blocker where release = :r)",
            "blockers:delete from blocker where release = :r",
            "holds:delete from hold where release = :r",
            "roles:delete from assignment where release = :r",
            "policy:delete from release_policy where release = :r",
            "schedule:delete from release_schedule where release = :r",
            "posts:delete from scheduled_post where release = :r",
            "github:delete from github_sync where release = :r",
            "checklist items:delete from checklist_item where release = :r",
            "checklist:delete from checklist where release = :r",
            "backport attempts:delete from backport_attempt where release = :r",
            "backports:delete from backport_candidate where release = :r",
            "backport labels:delete from backport_labels where release = :r");

    @Override
    public Map<String, Integer> delete(ReleaseName name) {
        Map<String, Integer> removed = new LinkedHashMap<>();
        for (String dependent : DEPENDENTS) {
            String[] kindAndSql = dependent.split(":", 2);
            int n = h.createUpdate(kindAndSql[1]).bind("r", name.value()).execute();
            if (n > 0) {
                removed.put(kindAndSql[0], n);
            }
        }
        h.createUpdate("delete from release where name = :r").bind("r", name.value()).execute();
        return removed;
    }
}
