package dev.btrbot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.testing.TestBot;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad input gets a one-line reason (and the command's usage where there is one), and the store is unchanged. */
class BadInputTest {
    @TempDir
    Path dir;
    TestBot bot;

    @BeforeEach
    void koa2() {
        bot = TestBot.builder(dir).build().withKoa2();
        bot.expectOk("blocker add koa.2 https://discuss.openedx.org/t/4132 --priority high");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "frobnicate koa.2 | Unknown command 'frobnicate'",
            "@adolfo: tag koa.2 --confirm --candidate deadbeef | koa.2 never had a candidate deadbeef",
            "@adolfo: tag koa.2 --confirm --candidate xyz | is not a candidate id (7 to 64 hex digits)",
            "role assign koa.2 tagger José | is not a member id: ids are ASCII",
            "release | takes alias, cancel, create, delete, edit, list; ",
            "blocker frob koa.2 | takes add, fix, priority, resolve; ",
            "status | Missing required parameter: <release>",
            "status koa.3 | Unknown release koa.3",
            "status 'koa.2;rm -rf /' | is not a release name",
            "release create koa.2;rm --branch x | is not a release name",
            "release create koa.3 | Missing required option: '--branch'",
            "release create koa.3 --branch x --target 2021-13-45 | is not a date (YYYY-MM-DD)",
            "release create koa.3 --branch '--upload-pack=x' --repos a/b | is not a valid branch or tag name",
            "release create koa.3 --branch b --repos 'a/b,ext::sh -c id' | is not a repository",
            "release create koa.2 --branch b | Release koa.2 exists already",
            "away pierre 2021-02-10 2021-02-01 | ends (2021-02-01) before it starts",
            "away pierre tomorrow 2021-02-01 | is not a date",
            "blocker add koa.2 not-a-link | is not a link",
            "blocker add koa.2 https://discuss.openedx.org/t/4132 | lists https://discuss.openedx.org/t/4132 already",
            "blocker add koa.2 https://x.org/1 --priority urgent | is not a priority",
            "blocker resolve koa.2 99 | koa.2 has no blocker '99'",
            "blocker fix koa.2 1 configuration abc | is not a full commit sha",
            "blocker fix koa.2 1 configuration -deadbeef | Unknown option: '-deadbeef'",
            "blocker add koa.2 https://x.org/1 --reported 2099-01-01 | --reported 2099-01-01 is after today (2021-02-01)",
            "blocker add koa.2 https://x.org/1 --reported 2021-02-02 | is after today",
            "release create koa.3 --branch b --repos 'ssh://-oProxyCommand=touch%20x/r.git' | is not a repository",
            "release create koa.3 --branch b --tag-template 'a.lock/{release}' | is not a valid branch or tag name",
            "blocker fix koa.2 1 theme aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | is not a repository of koa.2",
            "signoff koa.2 maybe | is not a verdict",
            "policy koa.2 set quorum 3 | is not a policy key",
            "policy koa.2 set passes lots | takes a whole number",
            "role assign koa.2 chef pierre | is not a role",
            "role assign koa.2 tagger @pierre | @pierre' is not a member: name one as alice, U2CERLKJA",
            "pool manual-qa juggle pierre | is not add or remove",
            "status koa.2 --verbose | Unknown option: '--verbose'",
            "status koa.2 extra | Too many words",
            "hold koa.2 | Missing required parameter: <reason>",
            "waive koa.2 1 | Missing required parameter: <reason>",
            "hold koa.2 \"  \" | Say why",
            "status \"koa.2 | A quote is not closed",
            "@pierre: release create koa.9 --branch b | Only an admin (ned) may create a release. Admins are the members the operator lists in BTR_ADMINS; yours would be ",
            "@pierre: waive koa.2 1 it is fine | Only an admin (ned) or koa.2's release-manager (nobody yet) may waive blockers",
            "@pierre: tag koa.2 --confirm | Only koa.2's tagger (adolfo)",
            "@pierre: blocker resolve koa.2 1 | Only koa.2's triage (tina)",
            "@mallory: role accept koa.2 manual-qa | Nobody is being offered manual-qa",
            "sync koa.2 | koa.2 names no GitHub milestone or label",
            "sync koa.9 | Unknown release koa.9",
            "policy koa.2 set required-checks 'a\tb' | is not a check name",
            "@pierre: policy koa.2 set required-checks native-install | Only an admin (ned)",
    })
    void badInputGetsAOneLineReasonAndChangesNothing(String line, String reason) throws Exception {
        String before = snapshot();
        var reply = bot.reply(line);
        assertThat(reply.isError()).as("refused").isTrue();
        assertThat(reply.title()).contains(reason).doesNotContain("\n").doesNotContain("Exception").doesNotContain("at dev.");
        assertThat(snapshot()).isEqualTo(before);
    }

    private String snapshot() {
        return bot.exec("status koa.2 --json") + bot.exec("audit koa.2 --json") + bot.exec("release list") + bot.exec("blockers koa.2 --all");
    }
}
