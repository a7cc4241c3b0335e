package dev.btrbot.core;

import dev.btrbot.core.port.MemberNames;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.Refusal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shows people rather than platform ids: in what the bot says, each Slack user id ({@code U2CERLKJA}) and Matrix
 * user id ({@code @pierre:example.org}) becomes the member's display name where one is known. An id in quotes
 * or backticks is left as it is (a reply that tells someone what to type, such as their id for
 * {@code BTR_ADMINS}), and so is machine-readable JSON. Console names are names already.
 */
public final class MemberNaming {
    /** A Slack user id (with MemberId's bound for ids inside text) or a Matrix user id, standing as a word of its own. */
    private static final Pattern PLATFORM_ID = Pattern.compile(
            "(?<![\\w'`@.:/=+-])(?:" + MemberId.SLACK_USER_ID_IN_TEXT + "|@[A-Za-z0-9][A-Za-z0-9._=/+-]*:[A-Za-z0-9.-]+(?::[0-9]{1,5})?)(?![\\w'`])");
    private static final int LONGEST = 80;

    private final MemberNames names;

    public MemberNaming(MemberNames names) {
        this.names = names;
    }

    public String named(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher m = PLATFORM_ID.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(nameOf(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    public Reply named(Reply reply) {
        return reply.json() != null ? reply : reply.withText(this::named);
    }

    private String nameOf(String id) {
        try {
            return names.displayName(new MemberId(id)).map(String::strip).filter(n -> !n.isEmpty() && n.length() <= LONGEST)
                    .orElse(id);
        } catch (Refusal notAnId) {
            return id;
        }
    }
}
