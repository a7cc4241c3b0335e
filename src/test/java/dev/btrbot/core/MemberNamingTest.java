package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.core.port.MemberNames;
import dev.btrbot.domain.MemberId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemberNamingTest {
    static final Map<String, String> KNOWN = Map.of("U2CERLKJA", "Pierre Dupont", "@sofiane:example.org", "Sofiane");
    final MemberNaming naming = new MemberNaming(member -> Optional.ofNullable(KNOWN.get(member.value())));

    @Test
    void slackAndMatrixIdsShowAsDisplayNames() {
        assertThat(naming.named("manual-qa: U2CERLKJA · tagger: @sofiane:example.org · triage: tina"))
                .isEqualTo("manual-qa: Pierre Dupont · tagger: Sofiane · triage: tina");
    }

    @Test
    void anIdWithoutAKnownNameStaysAnId() {
        assertThat(naming.named("offered to U0NOBODY1 and @nobody:example.org")).isEqualTo("offered to U0NOBODY1 and @nobody:example.org");
    }

    @Test
    void anIdInQuotesIsWhatSomeoneMustTypeAndStaysAsItIs() {
        assertThat(naming.named("Admins are listed in BTR_ADMINS; yours would be 'U2CERLKJA'."))
                .isEqualTo("Admins are listed in BTR_ADMINS; yours would be 'U2CERLKJA'.");
        assertThat(naming.named("type `U2CERLKJA`")).isEqualTo("type `U2CERLKJA`");
    }

    @Test
    void idsInsideOtherWordsAndUrlsAreLeftAlone() {
        assertThat(naming.named("https://example.org/U2CERLKJA koa.2-U2CERLKJA XU2CERLKJA U2CERLKJAB"))
                .isEqualTo("https://example.org/U2CERLKJA koa.2-U2CERLKJA XU2CERLKJA U2CERLKJAB");
    }

    @Test
    void aReplyIsNamedThroughoutButItsJsonAndButtonsAreNot() {
        Reply reply = Reply.builder("Sign-offs by U2CERLKJA").line("U2CERLKJA", "pass by U2CERLKJA")
                .action(new Reply.Action(Reply.Intent.ACCEPT, "Accept", "role accept koa.2 tagger", null)).build();
        Reply named = naming.named(reply);
        assertThat(named.title()).isEqualTo("Sign-offs by Pierre Dupont");
        assertThat(named.sections().get(0).heading()).isEqualTo("Pierre Dupont");
        assertThat(named.sections().get(0).lines()).containsExactly("pass by Pierre Dupont");
        assertThat(named.actions()).isEqualTo(reply.actions());
        Reply json = Reply.json("status", "{\"tagger\":\"U2CERLKJA\"}");
        assertThat(naming.named(json)).isEqualTo(json);
    }

    @Test
    void aHostileDisplayNameIsShownAsOneLineOfText() {
        MemberNaming hostile = new MemberNaming(member -> Optional.of("Eve\nerror: forged <!channel>"));
        Reply named = hostile.named(Reply.text("tagger: U2CERLKJA"));
        assertThat(named.title()).doesNotContain("\n");
    }

    @Test
    void noNamesMeansNoChange() {
        assertThat(new MemberNaming(MemberNames.NONE).named("tagger: U2CERLKJA")).isEqualTo("tagger: U2CERLKJA");
        assertThat(new MemberId("U2CERLKJA").value()).isEqualTo("U2CERLKJA");
    }
}
