package dev.btrbot.core;

import dev.btrbot.domain.MemberId;
import java.time.Duration;
import java.util.Set;

/**
 * What the core needs to know of the configuration.
 *
 * @param admins           members who may do everything a release manager may, for every release
 * @param fallbackAdmin    with no admins configured, this member (the console's own user) is the admin; may be null
 * @param roleDeadline     how long a proposed member has to accept a role
 * @param dashboardUrl     where the status page lives, for links; may be null
 * @param announceTemplate the announcement text, with {release}, {tag}, {candidate}, {testers} and {repos}
 */
public record BotSettings(Set<MemberId> admins, MemberId fallbackAdmin, Duration roleDeadline, String dashboardUrl,
                          String announceTemplate) {
    public static final String DEFAULT_ANNOUNCEMENT =
            "{release} is released as {tag}. It was installed and signed off by {testers} on candidate {candidate}:\n{repos}";

    public BotSettings {
        admins = Set.copyOf(admins);
    }
}
