package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.domain.MemberId;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who sees a reply is the core's decision; a platform that can choose (Slack) only follows it. */
class ReplyVisibilityTest {
    @TempDir
    Path dir;
    TestBot t;

    @BeforeEach
    void koa2() {
        t = TestBot.builder(dir).build().withKoa2();
    }

    private Reply typed(String who, String text) {
        return t.bot.handle(new Invocation(new MemberId(who), text));
    }

    @Test
    void aTypedAnswerIsForTheAskerUnlessStatusIsAskedPublic() {
        assertThat(typed("pierre", "status koa.2").visibility()).isEqualTo(Reply.Visibility.ASKER);
        assertThat(typed("pierre", "status koa.2 --public").visibility()).isEqualTo(Reply.Visibility.CHANNEL);
        assertThat(typed("pierre", "help").visibility()).isEqualTo(Reply.Visibility.ASKER);
    }

    @Test
    void anErrorIsForTheAskerAloneEvenWhenAskedPublic() {
        Reply refused = typed("pierre", "status koa.9 --public");
        assertThat(refused.isError()).isTrue();
        assertThat(refused.visibility()).isEqualTo(Reply.Visibility.ASKER);
    }

    @Test
    void theAnswerToAPressedButtonIsSeenWhereTheButtonIsUnlessItIsARefusal() {
        Reply.Action pass = typed("pierre", "status koa.2").actions().stream().filter(a -> a.intent() == Reply.Intent.SIGN_OFF_PASS)
                .findFirst().orElseThrow();
        Reply.Action tag = new Reply.Action(Reply.Intent.TAG, "Tag", "tag koa.2 --confirm", null);
        Reply refused = t.bot.handle(Invocation.pressed(new MemberId("pierre"), tag));
        assertThat(refused.isError()).isTrue();
        assertThat(refused.visibility()).isEqualTo(Reply.Visibility.ASKER);

        Reply recorded = t.bot.handle(SignOffForm.submitted(new MemberId("pierre"), pass, "Ubuntu 20.04, native", ""));
        assertThat(recorded.isError()).as(recorded.title()).isFalse();
        assertThat(recorded.title()).contains("pierre signed off pass on koa.2");
        assertThat(recorded.visibility()).isEqualTo(Reply.Visibility.CHANNEL);
    }

    @Test
    void theSignOffButtonsOfStatusNameTheCandidateTheyShow() {
        Reply status = typed("pierre", "status koa.2");
        assertThat(status.actions()).extracting(Reply.Action::intent)
                .containsExactly(Reply.Intent.SIGN_OFF_PASS, Reply.Intent.SIGN_OFF_FAIL);
        assertThat(status.actions()).allSatisfy(a -> {
            assertThat(a.target().release().value()).isEqualTo("koa.2");
            assertThat(a.command()).endsWith("--candidate " + a.target().shortId());
        });
    }
}
