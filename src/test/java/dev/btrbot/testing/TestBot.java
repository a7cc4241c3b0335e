package dev.btrbot.testing;

import dev.btrbot.adapter.render.TextRenderer;
import dev.btrbot.adapter.store.SqliteStore;
import dev.btrbot.core.Bot;
import dev.btrbot.core.BotSettings;
import dev.btrbot.core.ChatRouter;
import dev.btrbot.core.Invocation;
import dev.btrbot.core.Reply;
import dev.btrbot.core.jobs.Scheduler;
import dev.btrbot.core.port.BackportCheck;
import dev.btrbot.core.port.BlockerSource;
import dev.btrbot.core.Chat;
import dev.btrbot.core.port.CheckSource;
import dev.btrbot.core.port.Tagger;
import dev.btrbot.domain.MemberId;
import dev.btrbot.wiring.Wiring;
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
 * Built with {@link #builder}, through the same {@link Wiring} as the real bot.
 */
public final class TestBot {
    private static final Pattern SPEAKER = Pattern.compile("^@([^\\s:]+):\\s*(.*)$", Pattern.DOTALL);

    public final Path db;
    public final SqliteStore store;
    public final MutableClock clock;
    public final FakeGit git = new FakeGit();
    public final RecordingTagger tagger = new RecordingTagger();
    public final RecordingChat chat = new RecordingChat();
    /** The forum (and the issue tracker) a bot built {@link Builder#watchingForum watching the forum} reads and writes. */
    public final FakeForum forum = new FakeForum();
    /** How this bot was put together, as Main puts the real one together: for other parts on the same ports. */
    public final Wiring wiring;
    public final Bot bot;
    /** The scheduler of this bot; {@link #tick()} runs it at the clock's instant. */
    public final Scheduler scheduler;

    private TestBot(Builder b) {
        db = b.dir.resolve("btr.db");
        store = SqliteStore.open(db);
        clock = b.clock;
        Chat routed = b.platform == null ? chat : new ChatRouter(List.of(b.platform, chat));
        wiring = Wiring.builder().store(store).clock(clock).candidates(git).backports(b.backports != null ? b.backports : git)
                .tagger(b.tagger != null ? b.tagger : tagger).chat(routed).settings(b.settings.withChecklist(b.checklist)).processId("test-host:1")
                .github(b.blockers, b.checks).memberNames(b.names)
                .forum(b.forumSource != null ? b.forumSource : b.forum ? forum : null, b.forumSource != null ? b.forumReplies : b.forum ? forum : null)
                .issueTracker(b.issues != null ? b.issues : b.forum ? forum : dev.btrbot.core.port.IssueTracker.NONE)
                .notes(b.notes, dev.btrbot.domain.NotesCategories.DEFAULT).pullRequests(b.pullFacts, b.gitHubReleases)
                .cherryPicker(b.cherryPicker).backportPullRequests(b.pullRequests)
                .backportSource(b.backportSource).build();
        bot = wiring.bot();
        scheduler = wiring.scheduler();
    }

    /**
     * A bot on a SQLite file in {@code dir}, with in-memory git, a recording tagger and chat, a clock at
     * 2021-02-01T09:00:00Z and the usual {@link #settings()}; no GitHub unless told.
     */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** What a test may change of a {@link TestBot}; the rest stays as {@link #builder} says. */
    public static final class Builder {
        private final Path dir;
        private MutableClock clock = new MutableClock(Instant.parse("2021-02-01T09:00:00Z"));
        private BotSettings settings = TestBot.settings();
        private Tagger tagger;
        private Chat platform;
        private BlockerSource blockers = BlockerSource.NONE;
        private CheckSource checks = CheckSource.NONE;
        private BackportCheck backports;
        private dev.btrbot.core.port.MemberNames names = dev.btrbot.core.port.MemberNames.NONE;
        private boolean forum;
        private dev.btrbot.core.port.ForumSource forumSource;
        private dev.btrbot.core.port.ForumReplies forumReplies;
        private dev.btrbot.core.port.IssueTracker issues;
        private dev.btrbot.core.port.NotesSource notes = dev.btrbot.core.port.NotesSource.NONE;
        private dev.btrbot.core.port.PullFacts pullFacts = dev.btrbot.core.port.PullFacts.NONE;
        private dev.btrbot.core.port.GitHubReleases gitHubReleases = dev.btrbot.core.port.GitHubReleases.NONE;
        private dev.btrbot.domain.ChecklistTemplate checklist = dev.btrbot.domain.ChecklistTemplate.EMPTY;
        private dev.btrbot.core.port.CherryPicker cherryPicker = dev.btrbot.core.port.CherryPicker.NONE;
        private dev.btrbot.core.port.PullRequests pullRequests = dev.btrbot.core.port.PullRequests.NONE;
        private dev.btrbot.core.port.BackportSource backportSource = dev.btrbot.core.port.BackportSource.NONE;

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** Release notes read from real git (the git adapter), with GitHub's pull request facts and releases when given. */
        public Builder notes(dev.btrbot.core.port.NotesSource notes, dev.btrbot.core.port.PullFacts facts,
                             dev.btrbot.core.port.GitHubReleases releases) {
            this.notes = notes;
            this.pullFacts = facts;
            this.gitHubReleases = releases;
            return this;
        }

        public Builder clock(MutableClock clock) {
            this.clock = clock;
            return this;
        }

        public Builder settings(BotSettings settings) {
            this.settings = settings;
            return this;
        }

        /** A real tagger (the process tagger, say) instead of the recording one. */
        public Builder tagger(Tagger tagger) {
            this.tagger = tagger;
            return this;
        }

        /** With a platform's chat in front of the recording one, as Main routes them (the recording chat is the fallback). */
        public Builder routedThrough(Chat platform) {
            this.platform = platform;
            return this;
        }

        /** With a GitHub: a fake of the ports, or the real adapter against a fake server. */
        public Builder github(BlockerSource blockers, CheckSource checks) {
            this.blockers = blockers;
            this.checks = checks;
            return this;
        }

        /** A backport check of its own (the real adapters against fake servers, say) instead of the in-memory one. */
        /** Display names as a chat platform would tell them. */
        public Builder memberNames(dev.btrbot.core.port.MemberNames names) {
            this.names = names;
            return this;
        }

        /** Each new release's checklist from {@code template} (none by default, so tests about other things tick nothing). */
        public Builder checklist(dev.btrbot.domain.ChecklistTemplate template) {
            this.checklist = template;
            return this;
        }

        public Builder backports(BackportCheck backports) {
            this.backports = backports;
            return this;
        }

        /** Watching {@link TestBot#forum} (polled on the ticks), replying there, and filing issues in it. */
        public Builder watchingForum() {
            this.forum = true;
            return this;
        }

        /** Watching a real forum adapter (the Discourse client against a fake Discourse, say) instead of {@link TestBot#forum}. */
        public Builder forum(dev.btrbot.core.port.ForumSource source, dev.btrbot.core.port.ForumReplies replies) {
            this.forumSource = java.util.Objects.requireNonNull(source);
            this.forumReplies = replies;
            return this;
        }

        /** Filing forum reports' issues with {@code tracker} (the GitHub adapter against a fake GitHub, say). */
        public Builder issueTracker(dev.btrbot.core.port.IssueTracker tracker) {
            this.issues = tracker;
            return this;
        }

        /** Backports cherry-picked by {@code picker} (real git, say) and opened through {@code pulls} (GitHub, or NONE). */
        public Builder backportPicking(dev.btrbot.core.port.CherryPicker picker, dev.btrbot.core.port.PullRequests pulls) {
            this.cherryPicker = picker;
            this.pullRequests = pulls;
            return this;
        }

        /** Where backport candidates are found (the git and GitHub adapters, say); none by default. */
        public Builder backportSource(dev.btrbot.core.port.BackportSource source) {
            this.backportSource = source;
            return this;
        }

        public TestBot build() {
            return new TestBot(this);
        }
    }

    /** The settings every TestBot has unless told otherwise: admin ned, 48 h role deadline, 24 h triage SLA. */
    public static BotSettings settings() {
        return new BotSettings(Set.of(new MemberId("ned")), null, Duration.ofHours(48), BotSettings.DEFAULT_ANNOUNCEMENT);
    }

    public Scheduler.Tick tick() {
        return scheduler.tick();
    }

    /**
     * A scheduler as another bot process would run it: its own store opened on
     * the same SQLite file, the same clock, git and chat.
     */
    public Scheduler otherProcess(int pid) {
        return wiring.toBuilder().store(SqliteStore.open(db)).backports(git).tagger(tagger).chat(chat)
                .github(BlockerSource.NONE, CheckSource.NONE).processId("test-host:" + pid).build().scheduler();
    }

    public Reply reply(String line) {
        Matcher m = SPEAKER.matcher(line);
        String who = m.matches() ? m.group(1) : "ned";
        String text = m.matches() ? m.group(2) : line;
        return bot.handle(new Invocation(new MemberId(who), text));
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
