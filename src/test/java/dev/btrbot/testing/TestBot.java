package dev.btrbot.testing;

import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.adapter.store.SqliteStore;
import dev.btrbot.core.Bot;
import dev.btrbot.core.BotSettings;
import dev.btrbot.core.Commands;
import dev.btrbot.core.Invocation;
import dev.btrbot.core.Reply;
import dev.btrbot.core.Services;
import dev.btrbot.core.port.BlockerSource;
import dev.btrbot.core.port.CheckSource;
import dev.btrbot.core.port.Tagger;
import dev.btrbot.domain.PriorityLabels;
import dev.btrbot.domain.MemberId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole command core on a real SQLite file, with in-memory git, a
 * recording tagger and chat, and a clock tests move. {@code exec("@bob: status koa.2")}
 * answers as the console would; without "@member:" the admin "ned" speaks.
 */
public final class TestBot {
    private static final Pattern SPEAKER = Pattern.compile("^@([^\\s:]+):\\s*(.*)$");

    public final Path db;
    public final SqliteStore store;
    public final MutableClock clock = new MutableClock(Instant.parse("2021-02-01T09:00:00Z"));
    public final FakeGit git = new FakeGit();
    public final RecordingTagger tagger = new RecordingTagger();
    public final RecordingChat chat = new RecordingChat();
    public final Bot bot;

    public TestBot(Path dir) {
        this(dir, null);
    }

    public final Services services;

    public TestBot(Path dir, Tagger realTagger) {
        this(dir, realTagger, BlockerSource.NONE, CheckSource.NONE);
    }

    /** With a GitHub: a fake of the ports, or the real adapter against a fake server. */
    public TestBot(Path dir, BlockerSource blockers, CheckSource checks) {
        this(dir, null, blockers, checks);
    }

    private TestBot(Path dir, Tagger realTagger, BlockerSource blockers, CheckSource checks) {
        db = dir.resolve("btr.db");
        store = SqliteStore.open(db);
        services = new Services(store, clock, git, git, realTagger != null ? realTagger : tagger, chat,
                new BotSettings(Set.of(new MemberId("ned")), null, Duration.ofHours(48), null, BotSettings.DEFAULT_ANNOUNCEMENT),
                "test-host:1", blockers, checks, PriorityLabels.DEFAULT);
        bot = new Bot(services, Commands.all());
    }

    public Reply reply(String line) {
        Matcher m = SPEAKER.matcher(line);
        String who = m.matches() ? m.group(1) : "ned";
        String text = m.matches() ? m.group(2) : line;
        return bot.handle(new Invocation(new MemberId(who), "test", text));
    }

    public String exec(String line) {
        return TextRenderer.render(reply(line));
    }

    /** Creates koa.2 over two repos with heads at sha 'a…' and 'b…', and fills the usual roles. */
    public TestBot withKoa2() {
        git.head("openedx/configuration", sha('a'));
        git.head("openedx/edx-platform", sha('b'));
        expectOk("release create koa.2 --branch open-release/koa.master --repos openedx/configuration,openedx/edx-platform");
        expectOk("role assign koa.2 manual-qa pierre");
        expectOk("role assign koa.2 tagger adolfo");
        expectOk("role assign koa.2 triage tina");
        return this;
    }

    public String expectOk(String line) {
        Reply r = reply(line);
        if (r.isError()) {
            throw new AssertionError("'" + line + "' was refused: " + TextRenderer.render(r));
        }
        return TextRenderer.render(r);
    }

    public static String sha(char c) {
        return String.valueOf(c).repeat(40);
    }
}
