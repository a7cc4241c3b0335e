package dev.btrbot.adapter.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.core.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How replies look in Matrix and which messages are commands. */
class MatrixMessagesTest {
    @Test
    void onlyMessagesStartingWithTheBangBtrWordAreCommands() {
        assertThat(MatrixMessages.command("!btr status koa.2")).isEqualTo("status koa.2");
        assertThat(MatrixMessages.command("  !BTR   help ")).isEqualTo("help");
        assertThat(MatrixMessages.command("!btr")).isEmpty();
        assertThat(MatrixMessages.command("!btrfs balance")).isNull();
        assertThat(MatrixMessages.command("please !btr status")).isNull();
        assertThat(MatrixMessages.command("> <@bob:example.org> the candidate moved\n\n!btr status koa.2")).isEqualTo("status koa.2");
    }

    @Test
    void checkAndCrossAreThePositiveAndNegativeReactionsWithOrWithoutTheVariationSelector() {
        assertThat(MatrixMessages.polarity("✅")).isEqualTo(MatrixMessages.Polarity.POSITIVE);
        assertThat(MatrixMessages.polarity("❌️")).isEqualTo(MatrixMessages.Polarity.NEGATIVE);
        assertThat(MatrixMessages.polarity("👍")).isNull();
        assertThat(MatrixMessages.polarity(new Reply.Action(Reply.Intent.DECLINE, "Decline", "role decline koa.2 forum", null)))
                .isEqualTo(MatrixMessages.Polarity.NEGATIVE);
        assertThat(MatrixMessages.polarity(new Reply.Action(Reply.Intent.TAG, "Tag", "tag koa.2 --confirm", null))).isNull();
    }

    @Test
    void storedPromptsKeepTheirIntentsAndThoseStoredByEarlierVersionsStillReact() {
        Reply.Target target = new Reply.Target(new dev.btrbot.domain.ReleaseName("koa.2"), "2e40b7bce9" + "0".repeat(54));
        List<Reply.Action> actions = List.of(new Reply.Action(Reply.Intent.SIGN_OFF_FAIL, "Failed install",
                "signoff koa.2 fail --candidate 2e40b7bce9", target), new Reply.Action(Reply.Intent.TAG, "Tag", "tag koa.2 --confirm", target));
        assertThat(MatrixMessages.actions(MatrixMessages.actionsJson(actions))).isEqualTo(actions);

        String earlier = "[{\"id\":\"role-accept\",\"label\":\"Accept triage\",\"value\":\"koa.2|triage|@tina:example.org\","
                + "\"command\":\"role accept koa.2 triage\"},{\"id\":\"something-else\",\"label\":\"?\",\"value\":\"\",\"command\":\"x\"}]";
        assertThat(MatrixMessages.actions(earlier)).containsExactly(
                new Reply.Action(Reply.Intent.ACCEPT, "Accept triage", "role accept koa.2 triage", null));
        assertThat(MatrixMessages.polarity(MatrixMessages.actions(earlier).get(0))).isEqualTo(MatrixMessages.Polarity.POSITIVE);
    }

    @Test
    void aNoticeEscapesHtmlAndSaysWhichReactionDoesWhat() {
        Reply reply = Reply.builder("koa.2 <script>").line("gate", "a & b")
                .action(new Reply.Action(Reply.Intent.SIGN_OFF_PASS, "Passed install", "signoff koa.2 pass --candidate 2e40b7bce9", null))
                .action(new Reply.Action(Reply.Intent.TAG, "Tag", "tag koa.2 --confirm", null)).build();
        var content = MatrixMessages.notice(reply);
        assertThat(content.path("msgtype").asText()).isEqualTo("m.notice");
        assertThat(content.path("body").asText()).contains("koa.2 <script>").contains("React to this message (✅ / ❌)")
                .contains("✅ Passed install: !btr signoff koa.2 pass --candidate 2e40b7bce9").contains("Tag: !btr tag koa.2 --confirm")
                .contains("--env");
        assertThat(content.path("formatted_body").asText()).contains("koa.2 &lt;script&gt;").contains("a &amp; b")
                .contains("<code>!btr signoff koa.2 pass --candidate 2e40b7bce9</code>").doesNotContain("<script>");
    }

    static int bytes(com.fasterxml.jackson.databind.JsonNode content) {
        return content.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    static Reply longReply(int linesPerSection) {
        Reply.Builder b = Reply.builder("Blockers of koa.2");
        for (String section : List.of("high", "medium")) {
            List<String> lines = new ArrayList<>();
            for (int i = 1; i <= linesPerSection; i++) {
                lines.add("#" + i + " <" + section + "> installing on Ubuntu 20.04 fails at the ansible step for the LMS & Studio é");
            }
            b.section(section + " (" + linesPerSection + ")", lines);
        }
        return b.action(new Reply.Action(Reply.Intent.SIGN_OFF_PASS, "Passed install", "signoff koa.2 pass --candidate 2e40b7bce9", null))
                .build();
    }

    @Test
    void aReplyTooLargeForAMatrixEventKeepsTheFirstLinesOfEverySectionCountsTheRestAndKeepsItsActions() {
        var content = MatrixMessages.notice(longReply(2_000));
        assertThat(bytes(content)).isLessThanOrEqualTo(MatrixMessages.MAX_CONTENT_BYTES).isGreaterThan(MatrixMessages.MAX_CONTENT_BYTES / 2);
        String body = content.path("body").asText();
        assertThat(body).startsWith("Blockers of koa.2").contains("high (2000)").contains("#1 <high>").contains("medium (2000)")
                .contains("#1 <medium>").containsPattern("… and \\d+ more").containsPattern("\\d+ more not shown here")
                .contains("✅ Passed install: !btr signoff koa.2 pass --candidate 2e40b7bce9");
        assertThat(body).doesNotContain("#2000 <high>");
        assertThat(content.path("formatted_body").asText()).contains("#1 &lt;high&gt;").containsPattern("\\d+ more not shown here")
                .contains("<code>!btr signoff koa.2 pass --candidate 2e40b7bce9</code>");
        // what fits is left whole
        assertThat(MatrixMessages.notice(longReply(10)).path("body").asText()).contains("#10 <medium>").doesNotContain("more not shown");
    }

    @Test
    void anEditOfALongReplyFitsInOneEventWithItsFallbackAndItsNewContent() {
        var edit = MatrixMessages.replacement("$post:example.org", longReply(2_000));
        assertThat(bytes(edit)).isLessThanOrEqualTo(MatrixMessages.MAX_CONTENT_BYTES);
        assertThat(edit.path("m.new_content").path("body").asText()).containsPattern("\\d+ more not shown here");
        assertThat(edit.path("body").asText()).startsWith("* Blockers of koa.2");
    }

    @Test
    void aJsonDocumentOrASingleLineTooLongForAnEventIsSaidToBeSoNotCutMidway() {
        Reply json = Reply.json("status koa.2", "{\"blockers\":[" + "{\"n\":1,\"title\":\"x\"},".repeat(10_000) + "{}]}");
        var content = MatrixMessages.notice(json);
        assertThat(bytes(content)).isLessThanOrEqualTo(MatrixMessages.MAX_CONTENT_BYTES);
        assertThat(content.path("body").asText()).contains("too long for a Matrix message").doesNotContain("\"n\":1");
        Reply oneLine = Reply.text("notes", "x".repeat(200_000));
        var clipped = MatrixMessages.notice(oneLine);
        assertThat(bytes(clipped)).isLessThanOrEqualTo(MatrixMessages.MAX_CONTENT_BYTES);
        assertThat(clipped.path("body").asText()).startsWith("notes").contains("xxx…");
    }
}
