package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.btrbot.core.command.Tokenizer;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.ReleaseName;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Whatever a person types in a sign-off form reaches the command core as one word, unchanged. */
class SignOffFormTest {
    static final Reply.Action PASS = SignOffButtons.button(Reply.Intent.SIGN_OFF_PASS,
            new Reply.Target(new ReleaseName("koa.2"), "2e40b7bce9" + "0".repeat(54)));

    @ParameterizedTest
    @ValueSource(strings = {"Ubuntu 20.04, native", "say \"hi\" and 'bye'", "back\\slash\\", "“curly” ‘quotes’",
            "line one\nline two\ttab", "emoji 🚀✅ and CJK 安装 and　ideographic space", "--confirm", "-x", "@file", "x"})
    void anyTextIsOneWordForTheTokenizer(String text) {
        assertThat(Tokenizer.split("signoff koa.2 pass --env=" + Tokenizer.word(text) + " -- " + Tokenizer.word(text)))
                .containsExactly("signoff", "koa.2", "pass", "--env=" + text, "--", text);
        Invocation submitted = SignOffForm.submitted(new MemberId("pierre"), PASS, text, text);
        assertThat(Tokenizer.split(submitted.text())).containsExactly("signoff", "koa.2", "pass", "--candidate", "2e40b7bce9",
                "--env=" + text.strip(), "--", text.strip());
        assertThat(submitted.origin()).isEqualTo(Invocation.Origin.PRESSED);
    }

    @ParameterizedTest
    @ValueSource(strings = {""})
    void emptyTextIsAnEmptyWord(String text) {
        assertThat(Tokenizer.split("a " + Tokenizer.word(text) + " b")).isEqualTo(List.of("a", "", "b"));
    }

    @Test
    void theFormAsksForAnEnvironmentAndKeepsTheSignOffsLimits() {
        assertThat(SignOffForm.problems("  ", null)).containsOnlyKeys(SignOffForm.Field.ENVIRONMENT);
        assertThat(SignOffForm.problems("x".repeat(SignOffForm.MAX_ENVIRONMENT), "y".repeat(SignOffForm.MAX_NOTES))).isEmpty();
        assertThat(SignOffForm.problems("x".repeat(SignOffForm.MAX_ENVIRONMENT + 1), "y".repeat(SignOffForm.MAX_NOTES + 1)))
                .containsOnlyKeys(SignOffForm.Field.ENVIRONMENT, SignOffForm.Field.NOTES);
    }

    @Test
    void onlyASignOffButtonHasAForm() {
        Reply.Action tag = new Reply.Action(Reply.Intent.TAG, "Tag", "tag koa.2 --confirm", null);
        assertThatThrownBy(() -> SignOffForm.submitted(new MemberId("pierre"), tag, "native", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
