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

    private static final Pattern SLACK_ID = Pattern.compile("[UWB][A-Z0-9]{6,}");

    /** The one stored form of a valid id (see the class comment). */
    public static String canonical(String id) {
        if (SLACK_ID.matcher(id).matches()) {
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
