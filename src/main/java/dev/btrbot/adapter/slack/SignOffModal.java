package dev.btrbot.adapter.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import com.slack.api.model.view.ViewState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The modal a "Passed install" / "Failed install" button opens: it shows the
 * candidate being signed (its repo@sha list) and asks where it was installed
 * and for notes. Its submission becomes the button's own command plus
 * {@code --env} and the notes, each escaped into one word, so whatever a
 * person types (quotes, backslashes, emoji, CJK, newlines) reaches the core
 * exactly and can never add an option of its own.
 */
final class SignOffModal {
    static final String CALLBACK_ID = "btr-signoff";
    static final String ENV = "env";
    static final String NOTES = "notes";
    static final int MAX_ENV = 200;
    static final int MAX_NOTES = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The only command a sign-off button carries (Status, CandidateTag, Scheduler). */
    private static final Pattern SIGN_OFF = Pattern.compile("signoff [A-Za-z0-9._-]{1,64} (pass|fail) --candidate [0-9a-f]{7,64}");
    private static final Pattern CHANNEL = Pattern.compile("[CGD][A-Z0-9]{6,20}");

    private SignOffModal() {
    }

    /** What the modal remembers between opening and submission: the button's command and where it was clicked. */
    record Origin(String command, String channel) {
        String encode() {
            try {
                return JSON.writeValueAsString(Map.of("c", command, "ch", channel == null ? "" : channel));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * @throws IllegalArgumentException unless the metadata is what {@link #encode} wrote for a sign-off
         *         button: one {@code signoff <release> pass|fail --candidate <id>} command and a Slack channel id
         */
        static Origin decode(String metadata) {
            Map<?, ?> m;
            try {
                m = JSON.readValue(metadata, Map.class);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("not a btr-bot sign-off modal");
            }
            if (m == null || !(m.get("c") instanceof String command) || !SIGN_OFF.matcher(command).matches()
                    || !(m.get("ch") == null || m.get("ch") instanceof String)) {
                throw new IllegalArgumentException("not a btr-bot sign-off modal");
            }
            String channel = (String) m.get("ch");
            if (channel != null && !channel.isEmpty() && !CHANNEL.matcher(channel).matches()) {
                throw new IllegalArgumentException("not a btr-bot sign-off modal");
            }
            return new Origin(command, channel == null || channel.isEmpty() ? null : channel);
        }
    }

    /**
     * @param pass      the verdict the button stands for
     * @param release   the release name
     * @param candidate the candidate's short id as the button showed it
     * @param heads     "repo @ sha" lines of that candidate, empty when unknown
     */
    static View view(boolean pass, String release, String candidate, List<String> heads, Origin origin) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(BlockKit.section((pass ? ":white_check_mark: *Passed install*" : ":x: *Failed install*") + " of *"
                + BlockKit.escape(release) + "*, candidate `" + BlockKit.escape(candidate) + "`:"));
        String list = heads.isEmpty() ? "_(the candidate's repositories are listed in `status " + BlockKit.escape(release) + "`)_"
                : String.join("\n", heads.stream().map(h -> "• `" + BlockKit.escape(h) + "`").toList());
        blocks.add(BlockKit.section(list));
        blocks.add(InputBlock.builder().blockId(ENV).label(BlockKit.plain("Where you installed it"))
                .hint(BlockKit.plain("Operating system and install method."))
                .element(PlainTextInputElement.builder().actionId(ENV).maxLength(MAX_ENV)
                        .placeholder(BlockKit.plain("Ubuntu 20.04, native")).build()).build());
        blocks.add(InputBlock.builder().blockId(NOTES).optional(true).label(BlockKit.plain("Notes"))
                .element(PlainTextInputElement.builder().actionId(NOTES).multiline(true).maxLength(MAX_NOTES).build()).build());
        return View.builder().type("modal").callbackId(CALLBACK_ID)
                .title(ViewTitle.builder().type("plain_text").text(BlockKit.clip("Sign off " + release, 24)).build())
                .submit(ViewSubmit.builder().type("plain_text").text(pass ? "Record pass" : "Record fail").build())
                .close(ViewClose.builder().type("plain_text").text("Cancel").build())
                .privateMetadata(origin.encode()).blocks(blocks).build();
    }

    /**
     * What is wrong with a submission, by input block, in words for the form;
     * empty when nothing is. Slack enforces the lengths in its client; this
     * holds for a request made without it.
     */
    static Map<String, String> errors(ViewState state) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        String env = value(state, ENV).strip();
        if (env.isEmpty()) {
            errors.put(ENV, "Say where you installed it, e.g. Ubuntu 20.04, native.");
        } else if (env.length() > MAX_ENV) {
            errors.put(ENV, "Use at most " + MAX_ENV + " characters.");
        }
        if (value(state, NOTES).strip().length() > MAX_NOTES) {
            errors.put(NOTES, "Use at most " + MAX_NOTES + " characters; longer reports belong in an issue, linked here.");
        }
        return errors;
    }

    /** The command a submission stands for. */
    static String command(Origin origin, ViewState state) {
        String env = value(state, ENV).strip();
        String notes = value(state, NOTES).strip();
        return origin.command() + " --env=" + word(env) + (notes.isEmpty() ? "" : " -- " + word(notes));
    }

    static String value(ViewState state, String block) {
        if (state == null || state.getValues() == null) {
            return "";
        }
        Map<String, ViewState.Value> inputs = state.getValues().get(block);
        ViewState.Value v = inputs == null ? null : inputs.get(block);
        return v == null || v.getValue() == null ? "" : v.getValue();
    }

    /**
     * Text as one word for the command tokenizer: every space, quote and
     * backslash is preceded by a backslash; an empty text is {@code ""}.
     */
    static String word(String text) {
        if (text.isEmpty()) {
            return "\"\"";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || "\"'\\\u201C\u201D\u2018\u2019".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
