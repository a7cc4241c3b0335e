package dev.btrbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forum's settings, BTR_DISCOURSE_* and BTR_FORUM_OPENS_ISSUES, read once at start; a bad one stops the start naming it. */
class DiscourseConfigTest {
    @TempDir
    Path dir;

    private static DiscourseConfig forum(Map<String, String> env) {
        return BotConfig.fromEnvironment(env).discourse();
    }

    @Test
    void withoutAnAddressTheForumIsNotWatched() {
        assertThat(forum(Map.of())).isNull();
    }

    @Test
    void theAddressAloneWatchesTheForumEveryTenMinutesAnonymously() {
        DiscourseConfig c = forum(Map.of("BTR_DISCOURSE_URL", "https://discuss.openedx.org/"));

        assertThat(c.url()).isEqualTo(URI.create("https://discuss.openedx.org"));
        assertThat(c.pollEvery()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.categories()).isEmpty();
        assertThat(c.installCategories()).isEmpty();
        assertThat(c.webhookSecret()).isNull();
        assertThat(c.replies()).isFalse();
        assertThat(c.opensIssues()).isNull();
    }

    @Test
    void everySettingIsRead() {
        DiscourseConfig c = forum(Map.of("BTR_DISCOURSE_URL", "https://discuss.openedx.org", "BTR_DISCOURSE_POLL_MINUTES", "5",
                "BTR_DISCOURSE_CATEGORIES", "working-groups/build-test-release/30, /c/site-support/installing/12/",
                "BTR_DISCOURSE_INSTALL_CATEGORIES", "12, 31", "BTR_DISCOURSE_WEBHOOK_SECRET", "s3cret-hook",
                "BTR_DISCOURSE_API_KEY", "k3y-of-the-bot", "BTR_DISCOURSE_API_USERNAME", "btr-bot",
                "BTR_FORUM_OPENS_ISSUES", "openedx/wg-build-test-release", "GITHUB_TOKEN", "ghp_x"));

        assertThat(c.pollEvery()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.categories()).containsExactly(new DiscourseConfig.Category("working-groups/build-test-release", 30),
                new DiscourseConfig.Category("site-support/installing", 12));
        assertThat(c.categories().get(0).topicsPath()).isEqualTo("/c/working-groups/build-test-release/30.json");
        assertThat(c.installCategories()).isEqualTo(Set.of(12, 31));
        assertThat(c.webhookSecret()).isEqualTo("s3cret-hook");
        assertThat(c.replies()).isTrue();
        assertThat(c.opensIssues()).isEqualTo("openedx/wg-build-test-release");
        assertThat(c.toString()).as("secrets never printed").doesNotContain("s3cret-hook").doesNotContain("k3y-of-the-bot");
        assertThat(BotConfig.fromEnvironment(Map.of("BTR_DISCOURSE_URL", "https://d.example", "BTR_DISCOURSE_API_KEY", "k3y-of-the-bot",
                "BTR_DISCOURSE_API_USERNAME", "btr-bot")).toString()).doesNotContain("k3y-of-the-bot");
    }

    @Test
    void secretsMayComeFromFiles() throws Exception {
        Path key = Files.writeString(dir.resolve("key"), "k3y-from-file\n");
        Path hook = Files.writeString(dir.resolve("hook"), "hook-from-file\n");

        DiscourseConfig c = forum(Environment.withSecretFiles(Map.of("BTR_DISCOURSE_URL", "https://d.example",
                "BTR_DISCOURSE_API_KEY_FILE", key.toString(), "BTR_DISCOURSE_API_USERNAME", "btr-bot",
                "BTR_DISCOURSE_WEBHOOK_SECRET_FILE", hook.toString())));

        assertThat(c.apiKey()).isEqualTo("k3y-from-file");
        assertThat(c.webhookSecret()).isEqualTo("hook-from-file");
    }

    @Test
    void badValuesStopTheStartNamingTheirVariable() {
        Map<Map<String, String>, String> bad = Map.of(
                Map.of("BTR_DISCOURSE_URL", "discuss.openedx.org"), "BTR_DISCOURSE_URL must be the forum's https (or http) address",
                Map.of("BTR_DISCOURSE_URL", "ftp://discuss.openedx.org"), "BTR_DISCOURSE_URL must be",
                Map.of("BTR_DISCOURSE_URL", "https://user:pw@discuss.openedx.org"), "without a user",
                Map.of("BTR_DISCOURSE_URL", "https://d.example", "BTR_DISCOURSE_POLL_MINUTES", "0"),
                "BTR_DISCOURSE_POLL_MINUTES must be a whole number from 1 to 1440, not '0'.",
                Map.of("BTR_DISCOURSE_URL", "https://d.example", "BTR_DISCOURSE_POLL_MINUTES", "1441"), "BTR_DISCOURSE_POLL_MINUTES",
                Map.of("BTR_DISCOURSE_URL", "https://d.example", "BTR_DISCOURSE_CATEGORIES", "build-test-release"),
                "BTR_DISCOURSE_CATEGORIES takes slug/id paths",
                Map.of("BTR_DISCOURSE_URL", "https://d.example", "BTR_DISCOURSE_INSTALL_CATEGORIES", "12,install"),
                "'install' is not one",
                Map.of("BTR_DISCOURSE_URL", "https://d.example", "BTR_DISCOURSE_API_KEY", "k"),
                "BTR_DISCOURSE_API_KEY and BTR_DISCOURSE_API_USERNAME go together",
                Map.of("BTR_DISCOURSE_URL", "https://d.example", "BTR_FORUM_OPENS_ISSUES", "https://github.com/openedx/x", "GITHUB_TOKEN", "t"),
                "BTR_FORUM_OPENS_ISSUES must be a GitHub repository as org/repo",
                Map.of("BTR_DISCOURSE_URL", "https://d.example", "BTR_FORUM_OPENS_ISSUES", "openedx/x"), "BTR_FORUM_OPENS_ISSUES needs GITHUB_TOKEN");
        bad.forEach((env, message) -> assertThatThrownBy(() -> forum(env)).as(env.toString())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message));
    }

    @Test
    void aForumSettingWithoutTheAddressIsAnErrorNotIgnored() {
        for (String name : List.of("BTR_DISCOURSE_CATEGORIES", "BTR_DISCOURSE_WEBHOOK_SECRET", "BTR_FORUM_OPENS_ISSUES")) {
            assertThatThrownBy(() -> forum(Map.of(name, "x/1"))).hasMessageStartingWith(name + " is set but BTR_DISCOURSE_URL is not");
        }
    }
}
