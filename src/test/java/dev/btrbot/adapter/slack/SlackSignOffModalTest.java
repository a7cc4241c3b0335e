package dev.btrbot.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.core.command.Tokenizer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever a person types in the modal reaches the command core as one word, unchanged. */
class SlackSignOffModalTest {
    @ParameterizedTest
    @ValueSource(strings = {"Ubuntu 20.04, native", "say \"hi\" and 'bye'", "back\\slash\\", "“curly” ‘quotes’",
            "line one\nline two\ttab", "emoji 🚀✅ and CJK 安装 and　ideographic space", "--confirm", "-x", "@file", "x"})
    void anyTextIsOneWordForTheTokenizer(String text) {
        assertThat(Tokenizer.split("signoff koa.2 pass --env=" + SignOffModal.word(text) + " -- " + SignOffModal.word(text)))
                .containsExactly("signoff", "koa.2", "pass", "--env=" + text, "--", text);
    }

    @ParameterizedTest
    @ValueSource(strings = {""})
    void emptyTextIsAnEmptyWord(String text) {
        assertThat(Tokenizer.split("a " + SignOffModal.word(text) + " b")).isEqualTo(List.of("a", "", "b"));
    }
}
