package dev.btrbot.adapter.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.btrbot.core.Reply;
import dev.btrbot.domain.ReleaseName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a neutral {@link Reply} as Block Kit within Slack's limits: at most
 * 50 blocks, 3,000 characters per text, a header of 150, buttons of 75. A reply
 * longer than a chat message should be (a release with 500 blockers) keeps its
 * sections (grouped by priority), shows the first lines of each, counts the
 * rest and links to the dashboard. Every piece of text is escaped, so user
 * input cannot mention {@code @channel} or forge links, and every mrkdwn text
 * is {@code verbatim}, so Slack does not turn a typed {@code @here} or
 * {@code #channel} into a mention or a link either; web addresses in the lines
 * are made links by the bot instead, as Slack would have.
 */
final class BlockKit {
    static final int MAX_BLOCKS = 50;
    static final int MAX_TEXT = 3000;
    static final int MAX_HEADER = 150;
    static final int MAX_BUTTON_TEXT = 75;
    static final int MAX_BUTTON_VALUE = 2000;
    static final int MAX_BUTTONS_PER_BLOCK = 25;
    /** Lines shown per section before "… and N more". */
    static final int MAX_LINES_PER_SECTION = 40;
    /** Characters of text in one message overall: beyond this chat is the wrong place to read it. */
    static final int MAX_TOTAL_TEXT = 12_000;

    /** The prefix of every button's action_id; the rest is the core's action id and its position. */
    static final String ACTION_PREFIX = "btr:";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A web address in escaped text: it ends at white space, at a character Slack's link syntax uses, or at an escaped angle bracket. */
    private static final Pattern ADDRESS = Pattern.compile("https?://(?:(?!&lt;|&gt;)[^\\s<>|`])+");
    /** What usually ends a sentence rather than an address. */
    private static final Pattern TRAILING = Pattern.compile("[.,;:!?'\"]+$");

    private BlockKit() {
    }

    /**
     * @param moreUrl where the whole reply can be read (the release's dashboard page); may be null
     */
    static List<LayoutBlock> blocks(Reply reply, String moreUrl) {
        List<LayoutBlock> blocks = new ArrayList<>();
        int reserved = (reply.actions().isEmpty() ? 0 : (reply.actions().size() + MAX_BUTTONS_PER_BLOCK - 1) / MAX_BUTTONS_PER_BLOCK)
                + 1; // the footer that counts what was left out
        if (reply.isError()) {
            blocks.add(section(":x: *" + clip(escape(reply.title()), MAX_TEXT - 10) + "*"));
        } else {
            blocks.add(HeaderBlock.builder().text(plain(clip(reply.title(), MAX_HEADER))).build());
        }
        int budget = MAX_TOTAL_TEXT;
        long omitted = 0;
        if (reply.json() != null) {
            String json = reply.json();
            if (json.length() + 8 <= MAX_TEXT) {
                blocks.add(section("```" + escape(json) + "```"));
            } else {
                blocks.add(section("The JSON document is too long for a chat message (" + json.length() + " characters)."));
                omitted = json.lines().count();
            }
        }
        for (Reply.Section s : reply.sections()) {
            List<String> shown = new ArrayList<>();
            int used = 0;
            for (String line : s.lines()) {
                String escaped = linked(clip(escape(line), MAX_TEXT - 200));
                if (shown.size() >= MAX_LINES_PER_SECTION || used + escaped.length() + 1 > budget) {
                    break;
                }
                shown.add(escaped);
                used += escaped.length() + 1;
            }
            budget -= used;
            long left = s.lines().size() - shown.size();
            omitted += left;
            String heading = s.heading().isEmpty() ? "" : "*" + clip(escape(s.heading()), 200) + "*";
            for (Chunk chunk : chunks(heading, shown, left)) {
                if (blocks.size() + reserved >= MAX_BLOCKS) {
                    omitted += chunk.lines();
                } else {
                    blocks.add(section(chunk.text()));
                }
            }
        }
        if (omitted > 0) {
            String where = moreUrl == null ? "The dashboard shows everything." : "Everything is on the dashboard: <" + moreUrl + ">";
            blocks.add(ContextBlock.builder().elements(List.of(markdown(omitted + " more not shown here. " + where))).build());
        }
        blocks.addAll(actions(reply.actions()));
        return blocks;
    }

    private record Chunk(String text, int lines) {
    }

    /**
     * Splits a section into texts of at most {@link #MAX_TEXT} characters,
     * heading first; a section whose lines were cut ends with their count.
     */
    private static List<Chunk> chunks(String heading, List<String> lines, long left) {
        List<Chunk> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder(heading);
        int count = 0;
        List<String> all = new ArrayList<>(lines);
        if (left > 0) {
            all.add("_… and " + left + " more_");
        }
        for (int i = 0; i < all.size(); i++) {
            String line = all.get(i);
            if (current.length() > 0 && current.length() + 1 + line.length() > MAX_TEXT) {
                chunks.add(new Chunk(current.toString(), count));
                current.setLength(0);
                count = 0;
            }
            if (current.length() > 0) {
                current.append('\n');
            }
            current.append(line);
            count += i < lines.size() ? 1 : 0;
        }
        if (current.length() > 0) {
            chunks.add(new Chunk(current.toString(), count));
        }
        return chunks;
    }

    private static List<LayoutBlock> actions(List<Reply.Action> actions) {
        List<LayoutBlock> blocks = new ArrayList<>();
        List<BlockElement> row = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            row.add(button(actions.get(i), i));
            if (row.size() == MAX_BUTTONS_PER_BLOCK) {
                blocks.add(ActionsBlock.builder().elements(row).build());
                row = new ArrayList<>();
            }
        }
        if (!row.isEmpty()) {
            blocks.add(ActionsBlock.builder().elements(row).build());
        }
        return blocks;
    }

    private static ButtonElement button(Reply.Action action, int position) {
        ButtonElement.ButtonElementBuilder b = ButtonElement.builder()
                .actionId(ACTION_PREFIX + action.id() + ":" + position)
                .text(plain(clip(action.label(), MAX_BUTTON_TEXT)))
                .value(ButtonValue.encode(action));
        Reply.Intent intent = action.intent();
        if (intent.isYes()) {
            b.style("primary");
        } else if (intent.isNo() || intent.isIrreversible()) {
            b.style("danger");
        }
        if (intent.isIrreversible()) {
            b.confirm(ConfirmationDialogObject.builder()
                    .title(plain("Run the tag command?"))
                    .text(plain(clip("This runs '" + action.command() + "' on the signed-off candidate and pushes the tags. "
                            + "It runs once and cannot be undone from here.", 300)))
                    .confirm(plain("Tag")).deny(plain("Cancel")).style("danger").build());
        }
        return b.build();
    }

    /** The notification text Slack shows where blocks cannot be (push, screen readers). */
    static String fallback(Reply reply) {
        return clip((reply.isError() ? "Error: " : "") + escape(reply.title()), 300);
    }

    static SectionBlock section(String mrkdwn) {
        return SectionBlock.builder().text(markdown(mrkdwn)).build();
    }

    static MarkdownTextObject markdown(String text) {
        return MarkdownTextObject.builder().text(clip(text, MAX_TEXT)).verbatim(true).build();
    }

    /**
     * Escaped text with its web addresses written as Slack links
     * ({@code <https://…>}), outside {@code `code`} spans: verbatim text is
     * not linked by Slack.
     */
    static String linked(String escaped) {
        String[] parts = escaped.split("`", -1);
        StringBuilder out = new StringBuilder(escaped.length() + 16);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append('`');
            }
            if (i % 2 == 1) {
                out.append(parts[i]);
                continue;
            }
            Matcher m = ADDRESS.matcher(parts[i]);
            int last = 0;
            while (m.find()) {
                String address = m.group();
                Matcher tail = TRAILING.matcher(address);
                String trailing = tail.find() ? tail.group() : "";
                address = address.substring(0, address.length() - trailing.length());
                while (address.endsWith(")") && count(address, ')') > count(address, '(')) {
                    address = address.substring(0, address.length() - 1);
                    trailing = ")" + trailing;
                }
                out.append(parts[i], last, m.start()).append('<').append(address).append('>').append(trailing);
                last = m.end();
            }
            out.append(parts[i].substring(last));
        }
        return out.toString();
    }

    static PlainTextObject plain(String text) {
        return PlainTextObject.builder().text(text).emoji(true).build();
    }

    /** Slack's three control characters; everything else shows as typed. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }

    static String clip(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    /**
     * What a button carries back, small enough for Slack's 2,000 characters:
     * its action as the core made it (the intent in the action_id; the
     * command and, for sign-offs and tags, the release and candidate in the
     * value).
     */
    static final class ButtonValue {
        private ButtonValue() {
        }

        static String encode(Reply.Action action) {
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            fields.put("c", action.command());
            if (action.target() != null) {
                fields.put("r", action.target().release().value());
                fields.put("k", action.target().candidateId());
            }
            try {
                String json = JSON.writeValueAsString(fields);
                if (json.length() > MAX_BUTTON_VALUE) {
                    throw new IllegalArgumentException("button value longer than Slack allows: " + json.length());
                }
                return json;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The action a click on one of btr-bot's buttons stands for. A target
         * that cannot be read (a button of an earlier version) is left out:
         * the core refuses what needs one.
         *
         * @throws IllegalArgumentException when the action_id or the value is not one btr-bot writes
         */
        static Reply.Action decode(String actionId, String label, String json) {
            String id = actionId == null || !actionId.startsWith(ACTION_PREFIX) ? ""
                    : actionId.substring(ACTION_PREFIX.length()).replaceFirst(":\\d+$", "");
            Reply.Intent intent = Reply.Intent.byId(id).orElseThrow(() -> new IllegalArgumentException("not a btr-bot button"));
            Map<?, ?> m;
            try {
                m = JSON.readValue(json, Map.class);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("not a btr-bot button value");
            }
            if (m == null || !(m.get("c") instanceof String command)) {
                throw new IllegalArgumentException("not a btr-bot button value");
            }
            Reply.Target target;
            try {
                target = new Reply.Target(new ReleaseName((String) m.get("r")), (String) m.get("k"));
            } catch (RuntimeException e) {
                target = null;
            }
            return new Reply.Action(intent, label == null ? "" : label, command, target);
        }
    }
}
