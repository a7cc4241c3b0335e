package dev.btrbot.core;

import static dev.btrbot.testing.TestBot.sha;
import static org.assertj.core.api.Assertions.assertThat;

import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.adapter.web.WebServer;
import dev.btrbot.core.port.BackportCheck;
import dev.btrbot.domain.GitRefName;
import dev.btrbot.domain.QuorumPolicy;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseState;
import dev.btrbot.domain.RepoRef;
import dev.btrbot.domain.TagTemplate;
import dev.btrbot.testing.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A repository URL never brings credentials in, and one stored before that rule is never shown with them. */
class CredentialsInUrlsTest {
    static final String SECRET = "ghp_S3cr3tT0k3n";
    static final String WITH_TOKEN = "https://x-access-token:" + SECRET + "@git.example.org/org/app.git";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {WITH_TOKEN, "https://" + SECRET + "@github.com/org/app.git", "ssh://git:" + SECRET + "@host/org/app.git"})
    void aRepositoryUrlWithCredentialsIsRefusedWithHowToGiveThemToGit(String url) {
        TestBot bot = TestBot.builder(dir).build();
        String before = bot.exec("release list");
        Reply reply = bot.reply("release create koa.3 --branch b --repos openedx/configuration," + url);

        assertThat(reply.isError()).isTrue();
        assertThat(reply.title()).contains("carries credentials").contains("credential helper").contains("SSH key")
                .doesNotContain(SECRET);
        assertThat(bot.exec("release list")).isEqualTo(before);
    }

    @Test
    void anSshUserNameIsNoCredential() {
        TestBot bot = TestBot.builder(dir).build();
        bot.expectOk("release create koa.3 --branch b --repos ssh://git@github.com/org/app.git");
        assertThat(bot.exec("status koa.3 --stored --json")).contains("ssh://git@github.com/org/app.git");
    }

    @Test
    void aUrlStoredWithCredentialsIsUsedByGitButNeverShown() throws Exception {
        TestBot bot = TestBot.builder(dir).build();
        RepoRef legacy = new RepoRef(WITH_TOKEN);
        bot.store.write(tx -> {
            tx.releases().insert(new Release(new ReleaseName("koa.2"), new GitRefName("release/koa.2"), List.of(legacy), null, null,
                    null, "releases", TagTemplate.DEFAULT_TAG, TagTemplate.DEFAULT_RC, ReleaseState.PLANNING, QuorumPolicy.DEFAULT,
                    Instant.parse("2021-02-01T08:00:00Z")));
            return null;
        });
        bot.git.head(WITH_TOKEN, sha('a'));
        bot.expectOk("role assign koa.2 manual-qa pierre");
        bot.expectOk("role assign koa.2 tagger adolfo");
        bot.expectOk("@pierre: signoff koa.2 pass");
        bot.expectOk("@sofiane: signoff koa.2 pass");
        bot.expectOk("blocker add koa.2 https://x.org/1 --priority low");
        bot.git.backport(sha('f'), BackportCheck.Containment.ON_BRANCH);
        bot.expectOk("blocker fix koa.2 1 app " + sha('f'));

        List<String> shown = Stream.of("status koa.2", "status koa.2 --json", "status koa.2 --stored --json", "@adolfo: tag koa.2",
                "audit koa.2", "audit koa.2 --json", "@adolfo: tag koa.2 --confirm", "blockers koa.2").map(bot::exec).toList();
        WebServer web = new WebServer("127.0.0.1", 0, bot.bot, bot.wiring.dashboard());
        web.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of("/releases/koa.2", "/releases/koa.2?format=json")) {
                shown = Stream.concat(shown.stream(), Stream.of(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + web.port() + path)).build(), HttpResponse.BodyHandlers.ofString()).body())).toList();
            }
        } finally {
            web.close();
        }
        List<String> posted = Stream.concat(bot.chat.posts.stream(), bot.chat.updates.stream())
                .map(p -> TextRenderer.render(p.message())).toList();

        assertThat(bot.tagger.requests).singleElement().satisfies(r -> assertThat(r.heads().get(0).repo().url()).isEqualTo(WITH_TOKEN));
        assertThat(posted).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotContain(SECRET));
        assertThat(String.join("\n", posted)).contains("tagged https://x-access-token:***@git.example.org/org/app.git");
        assertThat(shown).allSatisfy(s -> assertThat(s).doesNotContain(SECRET));
        assertThat(shown.get(1)).contains("https://x-access-token:***@git.example.org/org/app.git");
    }
}
