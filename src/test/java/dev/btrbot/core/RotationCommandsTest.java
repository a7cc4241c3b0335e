package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotationCommandsTest {
    @TempDir
    Path dir;
    TestBot bot;

    @BeforeEach
    void pools() {
        bot = TestBot.builder(dir).build();
        for (String m : new String[] {"ana", "ben", "cai", "dee"}) {
            bot.expectOk("pool manual-qa add " + m);
        }
    }

    private String create(String name) {
        return bot.expectOk("release create " + name + " --branch release/" + name + " --target 2021-03-01");
    }

    @Test
    void rotationIsFairAcrossTwelveReleases() {
        Map<String, Integer> served = new HashMap<>();
        for (int i = 1; i <= 12; i++) {
            create("r." + i);
            String out = bot.expectOk("rotate r." + i);
            String member = out.replaceAll("(?s).*manual-qa: offered to (\\w+).*", "$1");
            served.merge(member, 1, Integer::sum);
        }
        assertThat(served).containsOnlyKeys("ana", "ben", "cai", "dee").allSatisfy((m, n) -> assertThat(n).isEqualTo(3));
    }

    @Test
    void aDeclineOffersTheRoleToTheNextMember() {
        create("koa.2");
        assertThat(bot.expectOk("rotate koa.2")).contains("manual-qa: offered to ana");
        assertThat(bot.exec("@ben: role accept koa.2 manual-qa")).contains("was offered to ana; only they may answer");
        assertThat(bot.expectOk("@ana: role decline koa.2 manual-qa")).contains("Offered to ben instead");
        bot.expectOk("@ben: role accept koa.2 manual-qa");
        assertThat(bot.exec("roles koa.2")).contains("manual-qa: ben").doesNotContain("manual-qa: ben (offered");
    }

    @Test
    void membersAwayOnTheTargetDateAreSkipped() {
        bot.expectOk("@ana: away ana 2021-02-20 2021-03-05");
        create("koa.2");
        assertThat(bot.expectOk("rotate koa.2")).contains("manual-qa: offered to ben");
        assertThat(bot.exec("@ben: away ana 2021-01-01 2021-01-02")).contains("Only ana or an admin");
    }

    @Test
    void anExhaustedPoolAsksTheReleaseManager() {
        create("koa.2");
        bot.expectOk("rotate koa.2");
        for (String m : new String[] {"ana", "ben", "cai", "dee"}) {
            bot.expectOk("@" + m + ": role decline koa.2 manual-qa");
        }
        assertThat(bot.exec("roles koa.2")).contains("manual-qa: nobody");
        assertThat(bot.expectOk("role assign koa.2 manual-qa ana")).contains("ana is koa.2's manual-qa");
    }

    @Test
    void rolesWithoutAPoolAreNamedInTheRotation() {
        create("koa.2");
        assertThat(bot.expectOk("rotate koa.2")).contains("tagger: no pool");
    }

    @Test
    void anOfferThatDidNotReachTheMemberIsOnRecordLikeAnyScheduledMessage() {
        create("koa.2");
        bot.chat.down = true;
        assertThat(bot.expectOk("rotate koa.2")).contains("manual-qa: offered to ana");
        bot.chat.down = false;
        bot.clock.advance(java.time.Duration.ofMinutes(10));
        assertThat(bot.exec("status koa.2")).contains("not delivered:").containsPattern("role-offer \\d+ \\(due [^)]+\\) did not reach the chat");
        // a delivered one is not listed
        bot.expectOk("@ana: role decline koa.2 manual-qa");
        assertThat(bot.chat.toldTo("ben")).extracting(dev.btrbot.core.Reply::title).anySatisfy(t -> assertThat(t).contains("offered"));
        bot.clock.advance(java.time.Duration.ofMinutes(10));
        assertThat(bot.exec("status koa.2")).containsOnlyOnce("did not reach the chat");
    }
}
