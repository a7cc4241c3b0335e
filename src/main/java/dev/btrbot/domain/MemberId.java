package dev.btrbot.domain;

import java.util.regex.Pattern;

/**
 * A member's chat identity: a console name ({@code alice}), a Slack user id
 * ({@code U2CERLKJA}, also as Slack escapes a mention: {@code <@U2CERLKJA|alice>})
 * or a Matrix user id ({@code @alice:example.org}). A leading '@' without a
 * server ({@code @alice}) is refused: it is how a mention looks when a
 * platform did not resolve it, and no Slack or Matrix user has that id.
 *
 * <p>A console name compares case-insensitively and is kept in lower case
 * ({@code Adolfo} is {@code adolfo}); a Slack id stays as Slack writes it (upper
 * case) and a Matrix id as written, since the Matrix spec compares ids exactly.
 */
public record MemberId(String value) implements Comparable<MemberId> {
    private static final String LOCAL = "[A-Za-z0-9][A-Za-z0-9._=/+-]{0,254}";
    private static final String SERVER = ":[A-Za-z0-9.-]+(:[0-9]{1,5})?";
    private static final Pattern VALID = Pattern.compile("@" + LOCAL + SERVER + "|" + LOCAL + "(" + SERVER + ")?");

    public MemberId {
        if (value != null && value.startsWith("<@") && value.endsWith(">")) {
            value = value.substring(2, value.length() - 1).split("\\|", 2)[0];
        }
        if (value != null && !value.isEmpty() && !value.chars().allMatch(c -> c < 128)) {
            throw new Refusal("'" + Text.clip(value) + "' is not a member id: ids are ASCII (letters, digits, . _ = / + -), the way"
                    + " Slack (U2CERLKJA) and Matrix (@jose:example.org) write them; a display name such as José is shown, not typed.");
        }
        if (value == null || !VALID.matcher(value).matches()) {
            throw new Refusal("'" + Text.clip(value) + "' is not a member: name one as alice, U2CERLKJA (Slack: pick them from the"
                    + " @ list) or @alice:example.org.");
        }
        value = canonical(value);
    }

    /**
     * What "looks like a Slack user id" means everywhere (the stored form here, the Slack adapter's name lookups,
     * ids found in the bot's own text): U, or W in an Enterprise Grid, then upper-case letters and digits. Slack's own
     * ids have 8 or 10 characters after the letter ({@code U2CERLKJA}, {@code U01ABCDEFGH}). The bounds:
     * <ul>
     *   <li>an id given alone (a command's member, a stored row) needs 6 after the letter: the stored form of every
     *       member was folded by this rule (migration V32), so it must not narrow, and no console name matches it
     *       (console names are lower case);</li>
     *   <li>an id found inside free text ({@link #SLACK_USER_ID_IN_TEXT}) needs 8: shorter upper-case words such as
     *       WARNING or WAITING are words there, and each id found costs a Slack {@code users.info} lookup.</li>
     * </ul>
     */
    public static final Pattern SLACK_USER_ID = Pattern.compile("[UW][A-Z0-9]{6,}");
    /** {@link #SLACK_USER_ID} as a regular expression to find inside text, with the stricter bound explained there. */
    public static final String SLACK_USER_ID_IN_TEXT = "[UW][A-Z0-9]{8,}";
    /** A Slack bot id (B…) keeps Slack's upper case as well. */
    private static final Pattern SLACK_BOT_ID = Pattern.compile("B[A-Z0-9]{6,}");

    /** Whether {@code value} is a Slack user id as Slack writes it (see {@link #SLACK_USER_ID} for the bounds). */
    public static boolean isSlackUserId(String value) {
        return value != null && SLACK_USER_ID.matcher(value).matches();
    }

    /** The one stored form of a valid id (see the class comment). */
    public static String canonical(String id) {
        if (isSlackUserId(id) || SLACK_BOT_ID.matcher(id).matches()) {
            return id;
        }
        if (id.startsWith("@")) {
            return id;
        }
        return id.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The name a platform showed beside the id, when the member was named by
     * an escaped mention ({@code <@U2CERLKJA|pierre>}): what views that show
     * no ids (the public dashboard) call them.
     */
    public static java.util.Optional<String> displayNameIn(String raw) {
        if (raw == null || !raw.startsWith("<@") || !raw.endsWith(">") || !raw.contains("|")) {
            return java.util.Optional.empty();
        }
        String name = Text.oneLine(raw.substring(raw.indexOf('|') + 1, raw.length() - 1)).strip();
        return name.isEmpty() || name.length() > 80 ? java.util.Optional.empty() : java.util.Optional.of(name);
    }

    @Override
    public int compareTo(MemberId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
