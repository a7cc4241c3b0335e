package dev.btrbot.core;

import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.RateLimit;
import java.time.Duration;
import java.util.Set;

/**
 * What the core needs to know of the configuration.
 *
 * @param admins           members who may do everything a release manager may, for every release
 * @param fallbackAdmin    with no admins configured, this member (the console's own user) is the admin; may be null
 * @param roleDeadline     how long a proposed member has to accept a role
 * @param announceTemplate the announcement text, with {release}, {tag}, {candidate}, {testers} and {repos}
 * @param triageSla        how long a blocker may stay untriaged before the triager is pinged (the manager at twice that)
 * @param rotateOnCreate   creating a release also offers its roles (as {@code rotate} does)
 * @param memberChanges    how many changes a member (not an admin) may make within its window
 * @param publicUrl        where the dashboard lives ({@code BTR_PUBLIC_URL}), for links to a release's page; may be null
 * @param forum            how the forum watch matches posts, polls and opens issues
 * @param checklist        what each new release's checklist starts from ({@code BTR_CHECKLIST_FILE}); empty unless given
 */
public record BotSettings(Set<MemberId> admins, MemberId fallbackAdmin, Duration roleDeadline,
                          String announceTemplate, Duration triageSla, boolean rotateOnCreate, RateLimit memberChanges,
                          String publicUrl, ForumSettings forum, dev.btrbot.domain.ChecklistTemplate checklist) {
    public static final String DEFAULT_ANNOUNCEMENT =
            "{release} is released as {tag}. It was installed and signed off by {testers} on candidate {candidate}:\n{repos}";
    public static final Duration DEFAULT_TRIAGE_SLA = Duration.ofHours(24);
    /** 60 changes an hour: a busy triage session, not a script adding thousands of blockers. */
    public static final RateLimit DEFAULT_MEMBER_CHANGES = RateLimit.perHour(60);

    public BotSettings {
        admins = Set.copyOf(admins);
        checklist = checklist == null ? dev.btrbot.domain.ChecklistTemplate.EMPTY : checklist;
        java.util.Objects.requireNonNull(memberChanges, "memberChanges");
        java.util.Objects.requireNonNull(forum, "forum");
        if (triageSla == null || triageSla.isNegative() || triageSla.isZero()) {
            throw new IllegalArgumentException("the triage SLA must be positive");
        }
    }

    /** The release's dashboard page ({@code BTR_PUBLIC_URL}/releases/koa.2), for links in chat; empty when no public URL is set. */
    public java.util.Optional<String> releasePage(dev.btrbot.domain.ReleaseName release) {
        if (publicUrl == null || publicUrl.isBlank()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(publicUrl.strip().replaceAll("/+$", "") + "/releases/" + release.value());
    }


    /** These settings with the forum watch's {@code forum}. */
    public BotSettings withForum(ForumSettings forum) {
        return new BotSettings(admins, fallbackAdmin, roleDeadline, announceTemplate, triageSla, rotateOnCreate, memberChanges,
                publicUrl, forum, checklist);
    }

    /** Without a public dashboard URL. */
    public BotSettings(Set<MemberId> admins, MemberId fallbackAdmin, Duration roleDeadline, String announceTemplate,
                       Duration triageSla, boolean rotateOnCreate, RateLimit memberChanges) {
        this(admins, fallbackAdmin, roleDeadline, announceTemplate, triageSla, rotateOnCreate, memberChanges, null);
    }

    /** With the forum watch's defaults and without a checklist template (releases then get empty checklists). */
    public BotSettings(Set<MemberId> admins, MemberId fallbackAdmin, Duration roleDeadline, String announceTemplate,
                       Duration triageSla, boolean rotateOnCreate, RateLimit memberChanges, String publicUrl) {
        this(admins, fallbackAdmin, roleDeadline, announceTemplate, triageSla, rotateOnCreate, memberChanges, publicUrl,
                ForumSettings.DEFAULT, null);
    }

    /** These settings with chat linking to the dashboard at {@code url} ({@code BTR_PUBLIC_URL}); null for no links. */
    public BotSettings withPublicUrl(String url) {
        return new BotSettings(admins, fallbackAdmin, roleDeadline, announceTemplate, triageSla, rotateOnCreate, memberChanges, url,
                forum, checklist);
    }

    /** These settings with each new release's checklist taken from {@code template}. */
    public BotSettings withChecklist(dev.btrbot.domain.ChecklistTemplate template) {
        return new BotSettings(admins, fallbackAdmin, roleDeadline, announceTemplate, triageSla, rotateOnCreate, memberChanges,
                publicUrl, forum, template);
    }

    /** The default limit of changes per member. */
    public BotSettings(Set<MemberId> admins, MemberId fallbackAdmin, Duration roleDeadline,
                       String announceTemplate, Duration triageSla, boolean rotateOnCreate) {
        this(admins, fallbackAdmin, roleDeadline, announceTemplate, triageSla, rotateOnCreate, DEFAULT_MEMBER_CHANGES);
    }

    /** The default triage SLA, no rotation on create. */
    public BotSettings(Set<MemberId> admins, MemberId fallbackAdmin, Duration roleDeadline, String announceTemplate) {
        this(admins, fallbackAdmin, roleDeadline, announceTemplate, DEFAULT_TRIAGE_SLA, false);
    }
}
