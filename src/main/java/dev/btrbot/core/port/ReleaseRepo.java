package dev.btrbot.core.port;

import dev.btrbot.domain.Refusal;
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
    /** The release, or a refusal that says how to find the right name. */
    default Release named(String name) {
        ReleaseName releaseName = new ReleaseName(name);
        return find(releaseName)
                .orElseThrow(() -> new Refusal("Unknown release " + releaseName + " ('release list' shows the releases)."));
    }

    /**
     * A release whose blockers, roles, policy and schedule may still change: a tagged release is
     * frozen (only its announcement is left, and a fix goes into a hotfix release), a cancelled one is over.
     */
    default Release open(String name) {
        Release release = named(name);
        switch (release.state()) {
            case TAGGED, ANNOUNCED -> throw new Refusal(release.name() + " is " + release.state().label()
                    + ": it is read-only now. What is left is 'announce " + release.name()
                    + "'; a fix goes into a hotfix release (e.g. " + release.name() + "a).");
            case CANCELLED -> throw new Refusal(release.name() + " is cancelled: nothing about it changes any more.");
            default -> {
                return release;
            }
        }
    }
}
