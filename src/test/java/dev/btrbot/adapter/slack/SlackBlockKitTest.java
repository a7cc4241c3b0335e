package dev.btrbot.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verbatim mrkdwn is not linked by Slack, so the bot makes the web addresses in a line links itself, and nothing else. */
class SlackBlockKitTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", value = {
            "a bare address               => see https://discuss.openedx.org/t/4132 now        => see <https://discuss.openedx.org/t/4132> now",
            "a sentence's full stop       => fixed in https://github.com/o/r/pull/9.           => fixed in <https://github.com/o/r/pull/9>.",
            "in parentheses               => (https://x.org/a) and (https://x.org/b_(c))       => (<https://x.org/a>) and (<https://x.org/b_(c)>)",
            "a query, escaped as Slack wants => https://x.org/?a=1&amp;b=2                     => <https://x.org/?a=1&amp;b=2>",
            "up to an escaped bracket     => https://x.org/a&gt;b                              => <https://x.org/a>&gt;b",
            "not inside code              => `https://x.org/a` https://x.org/b                 => `https://x.org/a` <https://x.org/b>",
            "no label can be smuggled in  => https://evil.example|Totally safe                 => <https://evil.example>|Totally safe",
            "mentions stay text           => @here &lt;!channel&gt; #general                   => @here &lt;!channel&gt; #general"})
    void webAddressesBecomeLinksAndNothingElseDoes(String why, String escaped, String expected) {
        assertThat(BlockKit.linked(escaped)).as(why).isEqualTo(expected);
    }
}
