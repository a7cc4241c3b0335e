package dev.btrbot.core;

import dev.btrbot.core.port.StoreTx;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Refusal;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import java.time.Instant;

/** One command being handled: who asked, where, and the services to answer with. */
public record Call(Invocation invocation, Services services, Rights rights) {
    public MemberId actor() {
        return invocation.actor();
    }

    public Instant now() {
        return services.clock().instant();
    }

    /** The release, or a refusal that says how to find the right name. */
    public static Release release(StoreTx tx, String name) {
        ReleaseName releaseName = new ReleaseName(name);
        return tx.releases().find(releaseName)
                .orElseThrow(() -> new Refusal("Unknown release " + releaseName + " ('release list' shows the releases)."));
    }

    /**
     * A release whose blockers, roles, policy and schedule may still change: a tagged release is
     * frozen (only its announcement is left, and a fix goes into a hotfix release), a cancelled one is over.
     */
    public static Release openRelease(StoreTx tx, String name) {
        Release release = release(tx, name);
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

    /** Refuses unless the actor holds {@code role} for the release or manages it; returns the release's name. */
    public ReleaseName requireRoleOrManager(String release, dev.btrbot.domain.RoleName role, String action) {
        return services.store().read(tx -> {
            ReleaseName name = release(tx, release).name();
            rights.requireRoleOrManager(tx, name, role, actor(), action);
            return name;
        });
    }

    /** Records the action in the audit log, inside the caller's transaction. */
    public void audit(StoreTx tx, ReleaseName release, String action, String details) {
        tx.audit().record(now(), actor(), release, action, details);
    }
}
