package dev.btrbot.adapter.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.btrbot.adapter.render.HtmlRenderer;
import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.core.Reply;
import dev.btrbot.domain.ReleaseName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Reply} as Matrix message content: an {@code m.notice} with a plain
 * {@code body} and an HTML {@code formatted_body}. Matrix has no buttons, so a
 * reply's actions become lines saying which reaction does what (✅ for an
 * action that says yes, accept or pass; ❌ for one that says no) and the
 * {@code !btr} command each stands for.
 *
 * <p>An event may not be larger than 65,536 bytes, the homeserver's additions
 * (ids, hashes, signatures) included; a homeserver refuses a larger one (413
 * {@code M_TOO_LARGE}). Content is kept within {@link #MAX_CONTENT_BYTES}: a
 * reply that does not fit shows, like Slack's, the first lines of each section
 * (as many as fit), counts the rest and says the dashboard shows everything; a
 * JSON document that does not fit is said to be too long.
 */
final class MatrixMessages {
    static final String YES = "✅";
    static final String NO = "❌";
    static final String PREFIX = "!btr";
    /** The most bytes of content an event of the bot carries: the spec's 65,536 for the whole event, less room for what the homeserver adds. */
    static final int MAX_CONTENT_BYTES = 60_000;
    /** Characters of one line, and of a title, kept when a reply has to be cut down. */
    private static final int MAX_LINE = 2_000;

    private MatrixMessages() {
    }

    enum Polarity { POSITIVE, NEGATIVE }

    /** The reaction that presses an action: ✅ for a yes (accept, pass), ❌ for a no (decline, fail); null for none (tag). */
    static Polarity polarity(Reply.Action action) {
        return action.intent().isYes() ? Polarity.POSITIVE : action.intent().isNo() ? Polarity.NEGATIVE : null;
    }

    /** The polarity of a reaction key (✅ or ❌, with or without the emoji variation selector); null for any other key. */
    static Polarity polarity(String reactionKey) {
        String key = reactionKey == null ? "" : reactionKey.replace("\uFE0F", "").strip();
        if (key.equals(YES)) {
            return Polarity.POSITIVE;
        }
        if (key.equals(NO)) {
            return Polarity.NEGATIVE;
        }
        return null;
    }

    /** The reply as an {@code m.notice} of at most {@link #MAX_CONTENT_BYTES}. */
    static ObjectNode notice(Reply reply) {
        return notice(reply, MAX_CONTENT_BYTES);
    }

    /**
     * The reply as an {@code m.notice} of at most {@code budget} bytes: whole when it fits; else its title, the first
     * lines of every section (the most that fit, the same number in each), "… and N more" per section, a line counting
     * all that was left out, and its actions.
     */
    static ObjectNode notice(Reply reply, int budget) {
        ObjectNode whole = rendered(reply);
        if (bytes(whole) <= budget) {
            return whole;
        }
        if (reply.json() != null) {
            String tooLong = "The JSON document is too long for a Matrix message (" + reply.json().length() + " characters).";
            return rendered(new Reply(reply.kind(), clip(reply.title(), MAX_LINE), List.of(new Reply.Section("", List.of(tooLong))),
                    reply.actions(), null));
        }
        int most = reply.sections().stream().mapToInt(s -> s.lines().size()).max().orElse(0);
        ObjectNode best = null;
        for (int low = 0, high = most; low <= high; ) {
            int lines = (low + high) >>> 1;
            ObjectNode candidate = rendered(clipped(reply, lines));
            if (bytes(candidate) <= budget) {
                best = candidate;
                low = lines + 1;
            } else {
                high = lines - 1;
            }
        }
        return best != null ? best : rendered(Reply.error(clip(reply.title(), MAX_LINE / 4) + ": too long for a Matrix message.", null));
    }

    /** The reply with the first {@code lines} lines of each section, each line and the title cut to {@link #MAX_LINE}. */
    private static Reply clipped(Reply reply, int lines) {
        List<Reply.Section> sections = new ArrayList<>();
        long omitted = 0;
        for (Reply.Section s : reply.sections()) {
            List<String> kept = new ArrayList<>();
            s.lines().stream().limit(lines).map(l -> clip(l, MAX_LINE)).forEach(kept::add);
            int left = s.lines().size() - kept.size();
            if (left > 0) {
                kept.add("… and " + left + " more");
                omitted += left;
            }
            sections.add(new Reply.Section(clip(s.heading(), MAX_LINE), kept));
        }
        if (omitted > 0) {
            sections.add(new Reply.Section("", List.of(omitted + " more not shown here. The dashboard shows everything.")));
        }
        return new Reply(reply.kind(), clip(reply.title(), MAX_LINE), sections, reply.actions(), null);
    }

    /** At most {@code max} code points, the last an ellipsis when cut. */
    private static String clip(String s, int max) {
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    static int bytes(JsonNode content) {
        return content.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static ObjectNode rendered(Reply reply) {
        Reply bare = new Reply(reply.kind(), reply.title(), reply.sections(), List.of(), reply.json());
        StringBuilder body = new StringBuilder(TextRenderer.render(bare));
        StringBuilder html = new StringBuilder(HtmlRenderer.render(bare));
        List<String> lines = actionLines(reply.actions());
        if (!lines.isEmpty()) {
            body.append("  ").append(hint(reply.actions())).append('\n');
            html.append("<p>").append(HtmlRenderer.escape(hint(reply.actions()))).append("</p>\n<ul>\n");
            for (int i = 0; i < lines.size(); i++) {
                Reply.Action a = reply.actions().get(i);
                body.append("    ").append(lines.get(i)).append('\n');
                Polarity p = polarity(a);
                html.append("<li>").append(p == null ? "" : HtmlRenderer.escape(emoji(p)) + " ").append(HtmlRenderer.escape(a.label()))
                        .append(": <code>").append(HtmlRenderer.escape(PREFIX + " " + a.command())).append("</code></li>\n");
            }
            html.append("</ul>\n");
        }
        ObjectNode content = MatrixClient.JSON.createObjectNode();
        content.put("msgtype", "m.notice");
        content.put("body", body.toString().stripTrailing());
        content.put("format", "org.matrix.custom.html");
        content.put("formatted_body", html.toString().stripTrailing());
        return content;
    }

    /** A notice addressed to a member: their id first (a link clients show as a pill) and in {@code m.mentions}, so they are notified. */
    static ObjectNode mentioning(String member, String text) {
        ObjectNode content = MatrixClient.JSON.createObjectNode();
        content.put("msgtype", "m.notice");
        content.put("body", member + ": " + text);
        content.put("format", "org.matrix.custom.html");
        content.put("formatted_body", "<a href=\"https://matrix.to/#/" + HtmlRenderer.escape(member) + "\">" + HtmlRenderer.escape(member)
                + "</a>: " + HtmlRenderer.escape(text));
        content.putObject("m.mentions").putArray("user_ids").add(member);
        return content;
    }

    private static String hint(List<Reply.Action> actions) {
        boolean reactable = actions.stream().anyMatch(a -> polarity(a) != null);
        boolean signOff = actions.stream().anyMatch(a -> a.intent().isSignOff());
        return (reactable ? "React to this message (" + YES + " / " + NO + ") or type the command" : "Type the command")
                + (signOff ? "; to add where you installed and notes, type the signoff command with --env \"…\" and your notes" : "") + ":";
    }

    private static List<String> actionLines(List<Reply.Action> actions) {
        List<String> lines = new ArrayList<>();
        for (Reply.Action a : actions) {
            Polarity p = polarity(a);
            lines.add((p == null ? "" : emoji(p) + " ") + a.label() + ": " + PREFIX + " " + a.command());
        }
        return lines;
    }

    static String emoji(Polarity p) {
        return p == Polarity.POSITIVE ? YES : NO;
    }

    /**
     * Makes {@code content} a reply to {@code eventId}; in the same thread when {@code threadRoot} is not null. A reply
     * within a thread is a real reply to that event, so {@code is_falling_back} is false (true would mark the
     * {@code m.in_reply_to} as a mere fallback for clients without threads, and thread-aware clients would not show it
     * as a reply).
     */
    static ObjectNode inReplyTo(ObjectNode content, String eventId, String threadRoot) {
        ObjectNode rel = content.putObject("m.relates_to");
        if (threadRoot != null) {
            rel.put("rel_type", "m.thread");
            rel.put("event_id", threadRoot);
            rel.put("is_falling_back", false);
        }
        rel.putObject("m.in_reply_to").put("event_id", eventId);
        return content;
    }

    /** True for an edit ({@code m.relates_to} with {@code rel_type: m.replace}): it changes a message, it never runs one. */
    static boolean isEdit(JsonNode content) {
        return "m.replace".equals(content.path("m.relates_to").path("rel_type").asText());
    }

    /** The thread root an event belongs to ({@code m.relates_to} with {@code rel_type: m.thread}), or null. */
    static String threadRoot(JsonNode content) {
        JsonNode rel = content.path("m.relates_to");
        return "m.thread".equals(rel.path("rel_type").asText()) ? rel.path("event_id").asText(null) : null;
    }

    /** An edit of {@code original}: {@code m.new_content} is the new message, the outer body a fallback marked with '*'. */
    /**
     * An edit of {@code original} to say {@code message}: it carries the message twice ({@code m.new_content}, and the
     * fallback for clients without edits), each in half the bytes an event may carry.
     */
    static ObjectNode replacement(String original, Reply message) {
        return replacement(original, notice(message, MAX_CONTENT_BYTES / 2 - 256));
    }

    private static ObjectNode replacement(String original, ObjectNode newContent) {
        ObjectNode content = MatrixClient.JSON.createObjectNode();
        content.put("msgtype", newContent.path("msgtype").asText());
        content.put("body", "* " + newContent.path("body").asText());
        content.put("format", "org.matrix.custom.html");
        content.put("formatted_body", "* " + newContent.path("formatted_body").asText());
        content.set("m.new_content", newContent.deepCopy());
        content.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", original);
        return content;
    }

    static String actionsJson(List<Reply.Action> actions) {
        if (actions.isEmpty()) {
            return null;
        }
        ArrayNode array = MatrixClient.JSON.createArrayNode();
        for (Reply.Action a : actions) {
            ObjectNode o = array.addObject().put("id", a.id()).put("label", a.label()).put("command", a.command());
            if (a.target() != null) {
                o.put("release", a.target().release().value()).put("candidate", a.target().candidateId());
            }
        }
        return array.toString();
    }

    /** The actions of a stored prompt; one this version cannot read (an unknown intent) is left out. */
    static List<Reply.Action> actions(String json) {
        try {
            List<Reply.Action> out = new ArrayList<>();
            for (JsonNode a : MatrixClient.JSON.readTree(json)) {
                Optional<Reply.Intent> intent = Reply.Intent.byId(a.path("id").asText());
                // a prompt stored before actions had targets has none: a reaction runs the command, which names the candidate
                Reply.Target target = a.hasNonNull("candidate")
                        ? new Reply.Target(new ReleaseName(a.path("release").asText()), a.path("candidate").asText()) : null;
                intent.ifPresent(i -> out.add(new Reply.Action(i, a.path("label").asText(), a.path("command").asText(), target)));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored prompt actions are not JSON", e);
        }
    }

    /**
     * The command text of a message body: what follows {@code !btr}, or null when
     * it is not a command. A reply fallback (leading "> " quote lines) is skipped.
     */
    static String command(String body) {
        if (body == null) {
            return null;
        }
        String text = body;
        if (text.startsWith("> ")) {
            int end = text.indexOf("\n\n");
            text = end < 0 ? "" : text.substring(end + 2);
        }
        text = text.strip();
        if (!text.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String rest = text.substring(PREFIX.length());
        if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) {
            return null;
        }
        return rest.strip();
    }
}
