package dev.btrbot.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.btrbot.domain.MemberId;
import dev.btrbot.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Display names from users.info, against the fake Web API (its answers checked against Slack's recorded shapes). */
class SlackMemberNamesTest {
    final MutableClock clock = new MutableClock(Instant.parse("2021-02-01T09:00:00Z"));
    FakeSlackApi slack;
    SlackMemberNames names;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlackApi(clock);
        names = names(slack);
    }

    private SlackMemberNames names(FakeSlackApi api) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(api.apiUrl());
        return new SlackMemberNames(new WebApi(clock, d -> clock.advance(d)), Slack.getInstance(config).methods(SlackHarness.TOKEN), clock);
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void aSlackMemberShowsByTheDisplayNameAskedOnceADay() {
        slack.member("U2CERLKJA", "Pierre Dupont");
        assertThat(names.displayName(new MemberId("U2CERLKJA"))).contains("Pierre Dupont");
        assertThat(names.displayName(new MemberId("U2CERLKJA"))).contains("Pierre Dupont");
        assertThat(slack.calls("users.info")).hasSize(1);

        slack.member("U2CERLKJA", "Pierre D.");
        clock.advance(Duration.ofHours(23));
        assertThat(names.displayName(new MemberId("U2CERLKJA"))).contains("Pierre Dupont");
        clock.advance(Duration.ofHours(2));
        assertThat(names.displayName(new MemberId("U2CERLKJA"))).contains("Pierre D.");
        assertThat(slack.calls("users.info")).hasSize(2);
    }

    @Test
    void anUnknownMemberHasNoNameAndIsAskedAgainOnlyAfterAnHour() {
        assertThat(names.displayName(new MemberId("U0NOBODY1"))).isEmpty();
        assertThat(names.displayName(new MemberId("U0NOBODY1"))).isEmpty();
        assertThat(slack.calls("users.info")).hasSize(1);
        slack.member("U0NOBODY1", "Nadia");
        clock.advance(Duration.ofMinutes(61));
        assertThat(names.displayName(new MemberId("U0NOBODY1"))).contains("Nadia");
    }

    @Test
    void onlySlackIdsAreAskedAbout() {
        assertThat(names.displayName(new MemberId("pierre"))).isEmpty();
        assertThat(names.displayName(new MemberId("@pierre:example.org"))).isEmpty();
        assertThat(slack.calls("users.info")).isEmpty();
    }

    @Test
    void withoutTheUsersReadScopeNamesAreEmptyAndNothingBreaks() throws Exception {
        try (FakeSlackApi narrow = new FakeSlackApi(clock, SlackHarness.TOKEN, Set.of("commands", "chat:write"))) {
            narrow.member("U2CERLKJA", "Pierre Dupont");
            assertThat(names(narrow).displayName(new MemberId("U2CERLKJA"))).isEmpty();
        }
    }

    @Test
    void aReplyNamingManyNewMembersAsksAboutTwentyAndShowsTheRestByIdUntilLater() {
        for (int i = 0; i < 30; i++) {
            slack.member(String.format("U%08d", i), "Member " + i);
        }
        long named = java.util.stream.IntStream.range(0, 30)
                .filter(i -> names.displayName(new MemberId(String.format("U%08d", i))).isPresent()).count();
        assertThat(named).isEqualTo(SlackMemberNames.ASKS_PER_WINDOW);
        assertThat(slack.calls("users.info")).hasSize(SlackMemberNames.ASKS_PER_WINDOW);
        clock.advance(SlackMemberNames.WINDOW);
        assertThat(names.displayName(new MemberId("U00000029"))).contains("Member 29");
    }
}
