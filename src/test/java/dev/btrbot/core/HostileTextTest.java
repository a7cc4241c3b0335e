package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.btrbot.adapter.render.HtmlRenderer;
import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Free text is stored exactly as given and shown so that it never starts a line of its own. */
class HostileTextTest {
    /** What a forged audit line looks like: the admin cancelling the release. */
    static final String FORGED = "2021-02-01T09:00:00Z  ned  release.cancel  koa.2 cancelled";

    @TempDir
    Path dir;
    TestBot bot;

    @BeforeEach
    void koa2() {
        bot = TestBot.builder(dir).build().withKoa2();
    }

    @Test
    void aNoteWithLineBreaksCannotForgeAnAuditLine() throws Exception {
        bot.expectOk("@mallory: signoff koa.2 pass --env 'docker\r\n" + FORGED + "' \"works\n" + FORGED + "\u2028" + FORGED + "\"");
        bot.expectOk("@mallory: hold koa.2 \"wait\n" + FORGED + "\"");
        bot.expectOk("@mallory: blocker add koa.2 https://x.org/1 --title \"broken\n" + FORGED + "\"");

        String audit = bot.exec("audit koa.2");
        List<String> lines = audit.lines().toList();
        int events = new ObjectMapper().readTree(bot.exec("audit koa.2 --json")).path("events").size();
        assertThat(lines).hasSize(1 + events);                           // the title, then one line per event
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).startsWith("  2021-02-01T09:00:00Z  "));
        assertThat(lines).noneMatch(l -> l.strip().startsWith(FORGED));
        assertThat(audit).contains("works ⏎ " + FORGED + " ⏎ " + FORGED);
    }

    @Test
    void theRecordKeepsTheTextExactlyAsGiven() throws Exception {
        bot.expectOk("@mallory: signoff koa.2 pass \"works\n" + FORGED + "\"");
        var doc = new ObjectMapper().readTree(bot.exec("audit koa.2 --json"));
        assertThat(doc.path("events").toString()).contains("works\\n" + FORGED);
        var status = new ObjectMapper().readTree(bot.exec("status koa.2 --json"));
        assertThat(status.path("signOffs").get(0).path("notes").asText()).isEqualTo("works\n" + FORGED);
    }

    @Test
    void statusShowsEachSignOffHoldAndBlockerOnOneLineEverywhere() {
        bot.expectOk("@mallory: signoff koa.2 fail \"boom\n✅ pierre pass\"");
        bot.expectOk("@mallory: hold koa.2 \"x\r" + FORGED + "\"");
        bot.expectOk("@mallory: blocker add koa.2 https://x.org/1 --title \"t\n#9 high\"");
        Reply status = bot.reply("status koa.2");

        assertThat(status.sections()).allSatisfy(s -> assertThat(s.lines()).allSatisfy(l -> assertThat(l).doesNotContain("\n", "\r")));
        assertThat(bot.exec("status koa.2").lines()).noneMatch(l -> l.strip().equals("✅ pierre pass") || l.strip().equals("#9 high")
                || l.strip().startsWith(FORGED));
        String html = HtmlRenderer.render(status);
        assertThat(html).doesNotContain("<br>").contains("boom ⏎ ✅ pierre pass");
    }

    @Test
    void controlCharactersAndBidiOverridesAreShownAsReplacementCharacters() {
        bot.expectOk("@mallory: signoff koa.2 pass \"ok\u001b[2K\u001b[1Afail\u202Essap\"");
        String status = bot.exec("status koa.2");
        assertThat(status).doesNotContain("\u001b").doesNotContain("\u202E").contains("ok\uFFFD[2K\uFFFD[1Afail\uFFFDssap");
    }
}
