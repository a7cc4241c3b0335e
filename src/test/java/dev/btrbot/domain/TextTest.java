package dev.btrbot.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextTest {
    @Test
    void everyKindOfLineBreakIsShownAsAMarkOnTheSameLine() {
        assertThat(Text.oneLine("a\nb\r\nc\rd\u2028e\u2029f\u0085g\u000Bh\u000Ci")).isEqualTo(
                "a ⏎ b ⏎ c ⏎ d ⏎ e ⏎ f ⏎ g ⏎ h ⏎ i");
        assertThat(Text.oneLine("tab\there")).isEqualTo("tab here");
        assertThat(Text.oneLine("plain — ünïcode ✅")).isEqualTo("plain — ünïcode ✅");
    }

    @Test
    void terminalEscapesAndBidiOverridesBecomeReplacementCharacters() {
        assertThat(Text.oneLine("\u001b[1A\u0000\u007f\u009b\u202Ex\u2066y")).isEqualTo("\uFFFD[1A\uFFFD\uFFFD\uFFFD\uFFFDx\uFFFDy");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://x-access-token:TOKEN@github.com/o/r.git | https://x-access-token:***@github.com/o/r.git",
            "clone https://TOKEN@github.com/o/r failed | clone https://***@github.com/o/r failed",
            "ssh://git@github.com/o/r.git | ssh://git@github.com/o/r.git",
            "ssh://git:pw@github.com/o/r.git | ssh://git:***@github.com/o/r.git",
            "https://github.com/o/r.git | https://github.com/o/r.git",
            "mail me at a@b.org | mail me at a@b.org",
            "{\"a\":\"x://b\",\"c@d\":1} | {\"a\":\"x://b\",\"c@d\":1}",
            "https://x-access-token:***@h/o/r | https://x-access-token:***@h/o/r",
    })
    void credentialsInUrlsAreHiddenAndNothingElseChanges(String text, String shown) {
        assertThat(Text.withoutCredentials(text)).isEqualTo(shown);
        assertThat(Text.hasCredentials(shown)).isFalse();
    }
}
