package dev.btrbot.adapter.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.core.Reply;
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
        assertThat(MatrixMessages.polarity(new Reply.Action("role-decline", "Decline", "v", "role decline koa.2 forum")))
                .isEqualTo(MatrixMessages.Polarity.NEGATIVE);
        assertThat(MatrixMessages.polarity(new Reply.Action("tag-confirm", "Tag", "v", "tag koa.2 --confirm"))).isNull();
    }

    @Test
    void aNoticeEscapesHtmlAndSaysWhichReactionDoesWhat() {
        Reply reply = Reply.builder("koa.2 <script>").line("gate", "a & b")
                .action("signoff-pass", "Passed install", "v", "signoff koa.2 pass --candidate 2e40b7bce9")
                .action("tag-confirm", "Tag", "v", "tag koa.2 --confirm").build();
        var content = MatrixMessages.notice(reply);
        assertThat(content.path("msgtype").asText()).isEqualTo("m.notice");
        assertThat(content.path("body").asText()).contains("koa.2 <script>").contains("React to this message (✅ / ❌)")
                .contains("✅ Passed install: !btr signoff koa.2 pass --candidate 2e40b7bce9").contains("Tag: !btr tag koa.2 --confirm")
                .contains("--env");
        assertThat(content.path("formatted_body").asText()).contains("koa.2 &lt;script&gt;").contains("a &amp; b")
                .contains("<code>!btr signoff koa.2 pass --candidate 2e40b7bce9</code>").doesNotContain("<script>");
    }
}
