package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.domain.MemberId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Looks like a Slack user id" has one definition, MemberId's: 6 characters after U/W alone, 8 inside text. */
class SlackIdBoundsTest {
    @Test
    void anIdGivenAloneNeedsSixAfterTheLetter() {
        assertThat(MemberId.isSlackUserId("U2CERLKJA")).isTrue();
        assertThat(MemberId.isSlackUserId("W01ABCDEFGH")).isTrue();
        assertThat(MemberId.isSlackUserId("U123456")).isTrue();
        assertThat(MemberId.isSlackUserId("U12345")).isFalse();
        assertThat(MemberId.isSlackUserId("u2cerlkja")).isFalse();
        assertThat(MemberId.isSlackUserId("B0BTRBOT1")).as("a bot, not a user").isFalse();
        assertThat(new MemberId("U123456").value()).as("kept as Slack writes it").isEqualTo("U123456");
        assertThat(new MemberId("B0BTRBOT1").value()).isEqualTo("B0BTRBOT1");
        assertThat(new MemberId("Ubuntu").value()).as("a console name").isEqualTo("ubuntu");
    }

    @Test
    void insideTextShortUpperCaseWordsAreWordsAndAreNeverLookedUp() {
        List<String> asked = new ArrayList<>();
        MemberNaming naming = new MemberNaming(member -> {
            asked.add(member.value());
            return Optional.empty();
        });
        naming.named("WARNING: WAITING for U2CERLKJA and U1234567");
        assertThat(asked).containsExactly("U2CERLKJA");
    }
}
