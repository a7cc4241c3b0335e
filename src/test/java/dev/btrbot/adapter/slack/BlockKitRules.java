package dev.btrbot.adapter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Block Kit's limits, as Slack's reference states them (docs.slack.dev,
 * "Reference: blocks", block elements, composition objects, modal views),
 * checked on every {@code blocks} and {@code view} the bot sends to the fake
 * Slack; plus btr-bot's own rule from issue 11 that every mrkdwn text is
 * {@code verbatim}, so nothing a person typed is turned into a mention.
 * Lengths count UTF-16 units, which is never fewer than Slack's characters.
 *
 * <p>The checker knows the blocks and elements btr-bot uses; any other type is
 * reported, so a new one gets its limits here before it reaches Slack.
 */
final class BlockKitRules {
    static final int MESSAGE_BLOCKS = 50;
    static final int VIEW_BLOCKS = 100;
    static final int TEXT = 3000;
    static final int SECTION_FIELDS = 10;
    static final int SECTION_FIELD_TEXT = 2000;
    static final int HEADER_TEXT = 150;
    static final int CONTEXT_ELEMENTS = 10;
    static final int ACTIONS_ELEMENTS = 25;
    static final int ID = 255;
    static final int BUTTON_TEXT = 75;
    static final int BUTTON_VALUE = 2000;
    static final int BUTTON_URL = 3000;
    static final int CONFIRM_TITLE = 100;
    static final int CONFIRM_TEXT = 300;
    static final int CONFIRM_BUTTON = 30;
    static final int INPUT_LABEL = 2000;
    static final int INPUT_HINT = 2000;
    static final int PLACEHOLDER = 150;
    static final int INPUT_MAX_LENGTH = 3000;
    static final int MODAL_TITLE = 24;
    static final int MODAL_BUTTON = 24;
    static final int PRIVATE_METADATA = 3000;

    private BlockKitRules() {
    }

    /** What breaks Slack's limits in a message's blocks (chat.postMessage, chat.update, chat.postEphemeral, response_url). */
    static List<String> message(JsonNode blocks) {
        List<String> out = new ArrayList<>();
        nulls("blocks", blocks, out);
        blocks("blocks", blocks, MESSAGE_BLOCKS, out);
        return out;
    }

    /** A field sent as null is not a field left out; the SDK leaves them out, so a null means something else built the JSON. */
    private static void nulls(String at, JsonNode node, List<String> out) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if (f.getValue().isNull()) {
                    out.add(at + "." + f.getKey() + ": null; leave the field out instead");
                } else {
                    nulls(at + "." + f.getKey(), f.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                nulls(at + "[" + i + "]", node.get(i), out);
            }
        }
    }

    /** What breaks Slack's limits in a modal view (views.open). */
    static List<String> view(JsonNode view) {
        List<String> out = new ArrayList<>();
        if (view == null || !view.isObject()) {
            return List.of("view: missing");
        }
        nulls("view", view, out);
        if (!"modal".equals(view.path("type").asText())) {
            out.add("view.type: '" + view.path("type").asText() + "', btr-bot opens modals only");
        }
        plain("view.title", view.get("title"), MODAL_TITLE, true, out);
        plain("view.submit", view.get("submit"), MODAL_BUTTON, false, out);
        plain("view.close", view.get("close"), MODAL_BUTTON, false, out);
        length("view.private_metadata", view.get("private_metadata"), PRIVATE_METADATA, out);
        length("view.callback_id", view.get("callback_id"), ID, out);
        length("view.external_id", view.get("external_id"), ID, out);
        JsonNode blocks = view.get("blocks");
        blocks("view.blocks", blocks, VIEW_BLOCKS, out);
        boolean inputs = blocks != null && blocks.findValuesAsText("type").contains("input");
        if (inputs && view.get("submit") == null) {
            out.add("view.submit: required when the view has an input block");
        }
        return out;
    }

    private static void blocks(String path, JsonNode blocks, int max, List<String> out) {
        if (blocks == null || !blocks.isArray()) {
            out.add(path + ": not an array of blocks");
            return;
        }
        if (blocks.size() > max) {
            out.add(path + ": " + blocks.size() + " blocks, Slack allows " + max);
        }
        Set<String> blockIds = new HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode b = blocks.get(i);
            String at = path + "[" + i + "]";
            if (b.has("block_id")) {
                length(at + ".block_id", b.get("block_id"), ID, out);
                if (!blockIds.add(b.get("block_id").asText())) {
                    out.add(at + ".block_id: '" + b.get("block_id").asText() + "' twice");
                }
            }
            block(at, b, out);
        }
    }

    private static void block(String at, JsonNode b, List<String> out) {
        switch (b.path("type").asText()) {
            case "section" -> {
                if (b.get("text") == null && b.get("fields") == null) {
                    out.add(at + ": a section needs text or fields");
                }
                text(at + ".text", b.get("text"), TEXT, false, out);
                JsonNode fields = b.get("fields");
                if (fields != null) {
                    if (fields.size() > SECTION_FIELDS) {
                        out.add(at + ".fields: " + fields.size() + " fields, Slack allows " + SECTION_FIELDS);
                    }
                    for (int i = 0; i < fields.size(); i++) {
                        text(at + ".fields[" + i + "]", fields.get(i), SECTION_FIELD_TEXT, true, out);
                    }
                }
                if (b.get("accessory") != null) {
                    element(at + ".accessory", b.get("accessory"), out);
                }
            }
            case "header" -> plain(at + ".text", b.get("text"), HEADER_TEXT, true, out);
            case "context" -> {
                JsonNode elements = b.path("elements");
                if (elements.isEmpty() || elements.size() > CONTEXT_ELEMENTS) {
                    out.add(at + ".elements: " + elements.size() + " elements, Slack allows 1 to " + CONTEXT_ELEMENTS);
                }
                for (int i = 0; i < elements.size(); i++) {
                    text(at + ".elements[" + i + "]", elements.get(i), TEXT, true, out);
                }
            }
            case "actions" -> {
                JsonNode elements = b.path("elements");
                if (elements.isEmpty() || elements.size() > ACTIONS_ELEMENTS) {
                    out.add(at + ".elements: " + elements.size() + " elements, Slack allows 1 to " + ACTIONS_ELEMENTS);
                }
                Set<String> actionIds = new HashSet<>();
                for (int i = 0; i < elements.size(); i++) {
                    JsonNode e = elements.get(i);
                    if (e.has("action_id") && !actionIds.add(e.get("action_id").asText())) {
                        out.add(at + ".elements[" + i + "].action_id: '" + e.get("action_id").asText() + "' twice in one block");
                    }
                    element(at + ".elements[" + i + "]", e, out);
                }
            }
            case "input" -> {
                plain(at + ".label", b.get("label"), INPUT_LABEL, true, out);
                plain(at + ".hint", b.get("hint"), INPUT_HINT, false, out);
                if (b.get("element") == null) {
                    out.add(at + ".element: required");
                } else {
                    element(at + ".element", b.get("element"), out);
                }
            }
            case "divider" -> {
            }
            default -> out.add(at + ".type: '" + b.path("type").asText() + "' is a block this checker does not know; add its limits");
        }
    }

    private static void element(String at, JsonNode e, List<String> out) {
        length(at + ".action_id", e.get("action_id"), ID, out);
        switch (e.path("type").asText()) {
            case "button" -> {
                plain(at + ".text", e.get("text"), BUTTON_TEXT, true, out);
                length(at + ".value", e.get("value"), BUTTON_VALUE, out);
                length(at + ".url", e.get("url"), BUTTON_URL, out);
                style(at + ".style", e.get("style"), out);
                JsonNode confirm = e.get("confirm");
                if (confirm != null) {
                    plain(at + ".confirm.title", confirm.get("title"), CONFIRM_TITLE, true, out);
                    text(at + ".confirm.text", confirm.get("text"), CONFIRM_TEXT, true, out);
                    plain(at + ".confirm.confirm", confirm.get("confirm"), CONFIRM_BUTTON, true, out);
                    plain(at + ".confirm.deny", confirm.get("deny"), CONFIRM_BUTTON, true, out);
                    style(at + ".confirm.style", confirm.get("style"), out);
                }
            }
            case "plain_text_input" -> {
                plain(at + ".placeholder", e.get("placeholder"), PLACEHOLDER, false, out);
                JsonNode max = e.get("max_length");
                if (max != null && (max.asInt() < 1 || max.asInt() > INPUT_MAX_LENGTH)) {
                    out.add(at + ".max_length: " + max.asInt() + ", Slack allows 1 to " + INPUT_MAX_LENGTH);
                }
                JsonNode min = e.get("min_length");
                if (min != null && (min.asInt() < 0 || min.asInt() > INPUT_MAX_LENGTH)) {
                    out.add(at + ".min_length: " + min.asInt() + ", Slack allows 0 to " + INPUT_MAX_LENGTH);
                }
            }
            default -> out.add(at + ".type: '" + e.path("type").asText() + "' is an element this checker does not know; add its limits");
        }
    }

    private static void style(String at, JsonNode style, List<String> out) {
        if (style != null && !style.asText().equals("primary") && !style.asText().equals("danger")) {
            out.add(at + ": '" + style.asText() + "', Slack takes primary or danger");
        }
    }

    /** A text object that must be plain_text. */
    private static void plain(String at, JsonNode t, int max, boolean required, List<String> out) {
        if (!present(at, t, required, out)) {
            return;
        }
        if (!"plain_text".equals(t.path("type").asText())) {
            out.add(at + ".type: '" + t.path("type").asText() + "', Slack takes plain_text only here");
        }
        text(at, t, max, true, out);
    }

    /** A text object (plain_text or mrkdwn): 1 to max characters, emoji on plain_text only, verbatim on mrkdwn only (and always, by our rule). */
    private static void text(String at, JsonNode t, int max, boolean required, List<String> out) {
        if (!present(at, t, required, out)) {
            return;
        }
        String type = t.path("type").asText();
        if (!type.equals("plain_text") && !type.equals("mrkdwn")) {
            out.add(at + ".type: '" + type + "' is not a text object");
            return;
        }
        String text = t.path("text").asText();
        if (text.isEmpty()) {
            out.add(at + ".text: empty; Slack needs at least 1 character");
        } else if (text.length() > max) {
            out.add(at + ".text: " + text.length() + " characters, Slack allows " + max);
        }
        if (t.has("emoji") && !type.equals("plain_text")) {
            out.add(at + ".emoji: only plain_text takes it");
        }
        if (t.has("verbatim") && !type.equals("mrkdwn")) {
            out.add(at + ".verbatim: only mrkdwn takes it");
        }
        if (type.equals("mrkdwn") && !t.path("verbatim").asBoolean(false)) {
            out.add(at + ".verbatim: btr-bot's mrkdwn must be verbatim, so typed mentions stay text (issue 11)");
        }
    }

    /** False when the field is absent (a finding when it is required). */
    private static boolean present(String at, JsonNode field, boolean required, List<String> out) {
        if (field == null && required) {
            out.add(at + ": required");
        }
        return field != null;
    }

    private static void length(String at, JsonNode value, int max, List<String> out) {
        if (value != null && !value.isNull() && value.asText().length() > max) {
            out.add(at + ": " + value.asText().length() + " characters, Slack allows " + max);
        }
    }
}
