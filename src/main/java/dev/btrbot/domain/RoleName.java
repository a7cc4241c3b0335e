package dev.btrbot.domain;

import java.util.List;
import java.util.regex.Pattern;

/** A release role such as manual-qa or tagger; lower-case words joined by '-'. */
public record RoleName(String value) implements Comparable<RoleName> {
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    public static final RoleName RELEASE_MANAGER = new RoleName("release-manager");
    public static final RoleName MANUAL_QA = new RoleName("manual-qa");
    public static final RoleName TRIAGE = new RoleName("triage");
    public static final RoleName FORUM = new RoleName("forum");
    public static final RoleName TAGGER = new RoleName("tagger");
    public static final RoleName ANNOUNCER = new RoleName("announcer");
    public static final RoleName NOTES_REVIEWER = new RoleName("notes-reviewer");

    /** The roles every release has, in the order they are shown. */
    public static final List<RoleName> DEFAULTS =
            List.of(RELEASE_MANAGER, MANUAL_QA, TRIAGE, FORUM, TAGGER, ANNOUNCER, NOTES_REVIEWER);

    public RoleName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new Refusal("'" + Text.clip(value) + "' is not a role (one of " + names() + ").");
        }
    }

    /** Only the known roles may be used, so a typo does not create a role nobody fills. */
    public static RoleName known(String value) {
        RoleName role = new RoleName(value == null ? "" : value.toLowerCase(java.util.Locale.ROOT));
        if (!DEFAULTS.contains(role)) {
            throw new Refusal("'" + Text.clip(value) + "' is not a role (one of " + names() + ").");
        }
        return role;
    }

    private static String names() {
        return "release-manager, manual-qa, triage, forum, tagger, announcer, notes-reviewer";
    }

    @Override
    public int compareTo(RoleName o) {
        return Integer.compare(DEFAULTS.indexOf(this), DEFAULTS.indexOf(o));
    }

    @Override
    public String toString() {
        return value;
    }
}
