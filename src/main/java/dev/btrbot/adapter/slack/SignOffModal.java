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
import dev.btrbot.core.Reply;
import dev.btrbot.core.SignOffButtons;
import dev.btrbot.core.SignOffForm;
import dev.btrbot.domain.ReleaseName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The core's {@link SignOffForm} as a Slack modal: a "Passed install" /
 * "Failed install" button opens it, it shows the candidate being signed (its
 * repo@sha list) and asks where it was installed and for notes; the core
 * turns a submission into the sign-off command and checks it.
 */
final class SignOffModal {
    static final String CALLBACK_ID = "btr-signoff";
    static final String ENV = "env";
    static final String NOTES = "notes";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHANNEL = Pattern.compile("[CGD][A-Z0-9]{6,20}");

    private SignOffModal() {
    }

    /**
     * What the modal remembers between opening and submission: which
     * sign-off button (its intent and candidate, not its words: the core makes
     * the command again from them) and where it was clicked.
     */
    record Origin(Reply.Action button, String channel) {
        String encode() {
            try {
                return JSON.writeValueAsString(Map.of("i", button.id(), "r", button.target().release().value(),
                        "k", button.target().candidateId(), "ch", channel == null ? "" : channel));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * @throws IllegalArgumentException unless the metadata is what {@link #encode} wrote: a sign-off intent, a
         *         release name, a candidate id and a Slack channel id
         */
        static Origin decode(String metadata) {
            try {
                Map<?, ?> m = JSON.readValue(metadata, Map.class);
                Reply.Intent intent = Reply.Intent.byId((String) m.get("i")).filter(Reply.Intent::isSignOff).orElseThrow();
                Reply.Target target = new Reply.Target(new ReleaseName((String) m.get("r")), (String) m.get("k"));
                String channel = (String) m.get("ch");
                if (channel != null && !channel.isEmpty() && !CHANNEL.matcher(channel).matches()) {
                    throw new IllegalArgumentException("not a Slack channel id");
                }
                return new Origin(SignOffButtons.button(intent, target), channel == null || channel.isEmpty() ? null : channel);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("not a btr-bot sign-off modal");
            }
        }
    }

    /** @param heads "repo @ sha" lines of the button's candidate, empty when unknown */
    static View view(List<String> heads, Origin origin) {
        Reply.Action button = origin.button();
        boolean pass = button.intent().isYes();
        String release = button.target().release().value();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(BlockKit.section((pass ? ":white_check_mark: *Passed install*" : ":x: *Failed install*") + " of *"
                + BlockKit.escape(release) + "*, candidate `" + BlockKit.escape(button.target().shortId()) + "`:"));
        String list = heads.isEmpty() ? "_(the candidate's repositories are listed in `status " + BlockKit.escape(release) + "`)_"
                : String.join("\n", heads.stream().map(h -> "• `" + BlockKit.escape(h) + "`").toList());
        blocks.add(BlockKit.section(list));
        blocks.add(InputBlock.builder().blockId(ENV).label(BlockKit.plain("Where you installed it"))
                .hint(BlockKit.plain("Operating system and install method."))
                .element(PlainTextInputElement.builder().actionId(ENV).maxLength(SignOffForm.MAX_ENVIRONMENT)
                        .placeholder(BlockKit.plain("Ubuntu 20.04, native")).build()).build());
        blocks.add(InputBlock.builder().blockId(NOTES).optional(true).label(BlockKit.plain("Notes"))
                .element(PlainTextInputElement.builder().actionId(NOTES).multiline(true).maxLength(SignOffForm.MAX_NOTES).build()).build());
        return View.builder().type("modal").callbackId(CALLBACK_ID)
                .title(ViewTitle.builder().type("plain_text").text(BlockKit.clip("Sign off " + release, 24)).build())
                .submit(ViewSubmit.builder().type("plain_text").text(pass ? "Record pass" : "Record fail").build())
                .close(ViewClose.builder().type("plain_text").text("Cancel").build())
                .privateMetadata(origin.encode()).blocks(blocks).build();
    }

    /** The core's objections to a submission, by the input block they concern; empty when it has none. */
    static Map<String, String> errors(ViewState state) {
        Map<String, String> errors = new LinkedHashMap<>();
        SignOffForm.problems(value(state, ENV), value(state, NOTES))
                .forEach((field, problem) -> errors.put(field == SignOffForm.Field.ENVIRONMENT ? ENV : NOTES, problem));
        return errors;
    }

    static String value(ViewState state, String block) {
        if (state == null || state.getValues() == null) {
            return "";
        }
        Map<String, ViewState.Value> inputs = state.getValues().get(block);
        ViewState.Value v = inputs == null ? null : inputs.get(block);
        return v == null || v.getValue() == null ? "" : v.getValue();
    }
}
