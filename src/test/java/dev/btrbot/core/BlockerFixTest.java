package dev.btrbot.core;

import static dev.btrbot.testing.TestBot.sha;
import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.git.GitBackportCheck;
import dev.btrbot.core.port.BackportCheck.Containment;
import dev.btrbot.testing.TestBot;
import dev.btrbot.testing.TestGit;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fix links: only commits the repository has, at most 20 a blocker, and a way to take one back. */
class BlockerFixTest {
    @TempDir
    Path dir;
    TestBot bot;

    @BeforeEach
    void koa2() {
        bot = TestBot.builder(dir).build().withKoa2();
        bot.expectOk("blocker add koa.2 https://x.org/1 --priority high");
    }

    private String state() {
        return bot.exec("status koa.2 --json") + bot.exec("audit koa.2 --json");
    }

    @Test
    void aShaTheRepositoryDoesNotHaveIsRefused() {
        bot.git.backport(sha('9'), Containment.UNKNOWN_COMMIT);
        String before = state();
        Reply reply = bot.reply("@mallory: blocker fix koa.2 1 configuration " + sha('9'));

        assertThat(reply.isError()).isTrue();
        assertThat(reply.title()).isEqualTo("9999999999 is not a commit of configuration: none of its branches has it."
                + " Give the full sha of the fix as it is on the default branch.");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aRepositoryThatCannotBeReadIsSaidAndTheFixIsLinkedUnchecked() {
        bot.git.unreadable("openedx/configuration", "Cannot fetch configuration: Could not resolve host: github.com");
        String reply = bot.expectOk("blocker fix koa.2 1 configuration " + sha('f'));

        assertThat(reply).contains("is fixed by configuration@ffffffffff")
                .contains("warning:\n    configuration could not be read to check that commit (Cannot fetch configuration: Could not"
                        + " resolve host: github.com), so it is linked unchecked");
        assertThat(bot.exec("status koa.2 --json")).contains("\"sha\" : \"" + sha('f') + "\"");
        assertThat(bot.exec("audit koa.2")).contains("blocker.fix  #1 fixed by configuration@" + sha('f') + " (unchecked");
    }

    @Test
    void aBlockerListsAtMostTwentyFixes() {
        for (int i = 0; i < 20; i++) {
            bot.expectOk("blocker fix koa.2 1 configuration " + String.format("%040x", i + 1));
        }
        String before = state();
        Reply reply = bot.reply("blocker fix koa.2 1 configuration " + String.format("%040x", 21));

        assertThat(reply.isError()).isTrue();
        assertThat(reply.title()).isEqualTo("Blocker #1 lists 20 fixes, the most a blocker may have: remove one first"
                + " (blocker fix koa.2 1 remove <repo> <sha>).");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void removeUnlinksAFixAndIsForTriageAndManagersOnly() {
        bot.expectOk("@mallory: blocker fix koa.2 1 configuration " + sha('f'));
        String before = state();
        Reply refused = bot.reply("@mallory: blocker fix koa.2 1 remove configuration " + sha('f'));
        assertThat(refused.isError()).isTrue();
        assertThat(refused.title()).startsWith("Only koa.2's triage (tina)").endsWith("may remove a blocker's fix.");
        assertThat(state()).isEqualTo(before);

        assertThat(bot.expectOk("@tina: blocker fix koa.2 1 remove configuration " + sha('f')))
                .contains("Blocker #1 no longer lists fix configuration@ffffffffff");
        assertThat(bot.exec("status koa.2 --json")).doesNotContain(sha('f') + "\"");
        assertThat(bot.exec("audit koa.2")).contains("tina  blocker.fix.remove  #1 no longer fixed by configuration@" + sha('f'));
        assertThat(bot.reply("@tina: blocker fix koa.2 1 remove configuration " + sha('f')).title())
                .isEqualTo("Blocker #1 lists no fix ffffffffff in configuration.");
    }

    @Test
    void theRealMirrorTellsACommitOfTheRepositoryFromOneItDoesNotHave() {
        Path work = TestGit.repo(dir.resolve("work"));
        TestGit.git(work, "branch", "release/koa.3");
        String fix = TestGit.commit(work, "fix.txt", "fixed", "the fix");
        TestBot real = TestBot.builder(dir.resolve("real")).backports(new GitBackportCheck(dir.resolve("cache"))).build();
        real.expectOk("release create koa.3 --branch release/koa.3 --repos " + work.toAbsolutePath());
        real.expectOk("blocker add koa.3 https://x.org/1");

        assertThat(real.reply("blocker fix koa.3 1 work " + sha('9')).title()).startsWith("9999999999 is not a commit of work");
        assertThat(real.expectOk("blocker fix koa.3 1 work " + fix)).contains("is fixed by work@" + fix.substring(0, 10))
                .doesNotContain("warning");
    }

    @Test
    void theUsageShowsTheRemoveForm() {
        assertThat(bot.exec("help blocker fix")).contains("blocker fix <release> <blocker> [remove] <repo> <sha>");
        assertThat(bot.reply("blocker fix koa.2 1 remove configuration").title()).contains("Missing required parameter: <sha>");
    }
}
