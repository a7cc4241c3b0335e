package dev.btrbot.domain;

import java.util.regex.Pattern;

/**
 * A member's chat identity: a console name ({@code alice}), a Slack user id
 * ({@code U2CERLKJA}) or a Matrix user id ({@code @alice:example.org}).
 */
public record MemberId(String value) implements Comparable<MemberId> {
    private static final Pattern VALID = Pattern.compile("@?[A-Za-z0-9][A-Za-z0-9._=/+-]{0,254}(:[A-Za-z0-9.-]+(:[0-9]{1,5})?)?");

    public MemberId {
        if (value != null && value.startsWith("<@") && value.endsWith(">")) {
            value = value.substring(2, value.length() - 1).split("\\|", 2)[0];
        }
        if (value == null || !VALID.matcher(value).matches()) {
            throw new Refusal("'" + Text.clip(value) + "' is not a member (a chat user id or name such as alice).");
        }
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
