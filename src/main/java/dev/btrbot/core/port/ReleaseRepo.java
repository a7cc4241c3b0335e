package dev.btrbot.core.port;

import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseState;
import java.util.List;
import java.util.Optional;

public interface ReleaseRepo {
    Optional<Release> find(ReleaseName name);

    List<Release> all();

    /** Refuses a release whose name exists already. */
    void insert(Release release);

    void setState(ReleaseName name, ReleaseState state);

    /** Stores a release's changed definition: branch, repositories, milestone, label, target, channel, templates. */
    void update(Release release);

    void setPolicy(ReleaseName name, String key, String value);

    /**
     * Removes a release and everything recorded under it (roles, blockers, candidates, sign-offs, holds, tag runs,
     * schedules), except the audit log, which outlives it. Returns how many rows each kind lost.
     */
    java.util.Map<String, Integer> delete(ReleaseName name);
}
