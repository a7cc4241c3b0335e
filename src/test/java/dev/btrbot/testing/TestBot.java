package dev.btrbot.testing;

import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.adapter.store.SqliteStore;
import dev.btrbot.core.Bot;
import dev.btrbot.core.BotSettings;
import dev.btrbot.core.ChatRouter;
import dev.btrbot.core.Commands;
import dev.btrbot.core.Invocation;
import dev.btrbot.core.Reply;
import dev.btrbot.core.jobs.Scheduler;
import dev.btrbot.core.Services;
import dev.btrbot.core.port.BackportCheck;
import dev.btrbot.core.port.BlockerSource;
import dev.btrbot.core.port.Chat;
import dev.btrbot.core.port.CheckSource;
import dev.btrbot.core.port.Tagger;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.PriorityLabels;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole command core on a real SQLite file, with in-memory git, a
 * recording tagger and chat, and a clock tests move. {@code exec("@bob: status koa.2")}
 * answers as the console would; without "@member:" the admin "ned" speaks.
 */
public final class TestBot {
    private static final Pattern SPEAKER = Pattern.compile("^@([^\\s:]+):\\s*(.*)$", Pattern.DOTALL);

    public final Path db;
    public final SqliteStore store;
    public final MutableClock clock = new MutableClock(Instant.parse("2021-02-01T09:00:00Z"));
    public final FakeGit git = new FakeGit();
    public final RecordingTagger tagger = new RecordingTagger();
    public final RecordingChat chat = new RecordingChat();
    public final Bot bot;
    public final Services services;
    /** The scheduler of this bot; {@link #tick()} runs it at the clock's instant. */
    public final Scheduler scheduler;

    public TestBot(Path dir) {
        this(dir, null, settings(), null);
    }

    public TestBot(Path dir, Tagger realTagger) {
        this(dir, realTagger, settings(), null);
    }

    public TestBot(Path dir, BotSettings settings) {
        this(dir, null, settings, null);
    }

    /** With a GitHub: a fake of the ports, or the real adapter against a fake server. */
    public TestBot(Path dir, BlockerSource blockers, CheckSource checks) {
        this(dir, null, settings(), null, blockers, checks);
    }

    /** With a GitHub and a backport check of its own (the real adapters against fake servers, say) instead of the in-memory one. */
    public TestBot(Path dir, BlockerSource blockers, CheckSource checks, BackportCheck backports) {
        this(dir, null, settings(), null, blockers, checks, backports);
    }

    /** With a platform's chat in front of the recording one, as Main routes them (the recording chat is the fallback). */
    public static TestBot routedThrough(Path dir, Chat platform) {
        return new TestBot(dir, null, settings(), platform);
    }

    private TestBot(Path dir, Tagger realTagger, BotSettings settings, Chat platform) {
        this(dir, realTagger, settings, platform, BlockerSource.NONE, CheckSource.NONE);
    }

    private TestBot(Path dir, Tagger realTagger, BotSettings settings, Chat platform, BlockerSource blockers, CheckSource checks) {
        this(dir, realTagger, settings, platform, blockers, checks, null);
    }

    private TestBot(Path dir, Tagger realTagger, BotSettings settings, Chat platform, BlockerSource blockers, CheckSource checks,
                    BackportCheck backports) {
        db = dir.resolve("btr.db");
        store = SqliteStore.open(db);
        Chat routed = platform == null ? chat : new ChatRouter(List.of(platform, chat));
        services = new Services(store, clock, git, backports != null ? backports : git, realTagger != null ? realTagger : tagger, routed, settings, "test-host:1",
                blockers, checks, PriorityLabels.DEFAULT);
        bot = new Bot(services, Commands.all());
        scheduler = Scheduler.of(services);
    }

    /** The settings every TestBot has unless told otherwise: admin ned, 48 h role deadline, 24 h triage SLA. */
    public static BotSettings settings() {
        return new BotSettings(Set.of(new MemberId("ned")), null, Duration.ofHours(48), null, BotSettings.DEFAULT_ANNOUNCEMENT);
    }

    public Scheduler.Tick tick() {
        return scheduler.tick();
    }

    /**
     * A scheduler as another bot process would run it: its own store opened on
     * the same SQLite file, the same clock, git and chat.
     */
    public Scheduler otherProcess(int pid) {
        Services other = new Services(SqliteStore.open(db), clock, git, git, tagger, chat, services.settings(), "test-host:" + pid);
        return Scheduler.of(other);
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
