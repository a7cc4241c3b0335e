package dev.btrbot.wiring;

import dev.btrbot.adapter.slack.SlackAdapter;
import dev.btrbot.adapter.web.WebServer;
import dev.btrbot.core.BackportTracker;
import dev.btrbot.core.BlockerSync;
import dev.btrbot.core.Bot;
import dev.btrbot.core.BotSettings;
import dev.btrbot.core.Interactions;
import dev.btrbot.core.Command;
import dev.btrbot.core.Readiness;
import dev.btrbot.core.ForumIntake;
import dev.btrbot.core.ForumWatch;
import dev.btrbot.core.jobs.ForumPollJob;
import dev.btrbot.core.commands.ForumBlocker;
import dev.btrbot.core.commands.ForumDismiss;
import dev.btrbot.core.commands.ForumLink;
import dev.btrbot.core.commands.ForumPoll;
import dev.btrbot.core.commands.ForumReports;
import dev.btrbot.core.commands.ReleaseAlias;
import dev.btrbot.core.port.ForumReplies;
import dev.btrbot.core.port.ForumSource;
import dev.btrbot.core.port.IssueTracker;
import dev.btrbot.core.Recovery;
import dev.btrbot.core.Rights;
import dev.btrbot.core.Rotator;
import dev.btrbot.core.Dashboard;
import dev.btrbot.core.Delivery;
import dev.btrbot.core.KnownNames;
import dev.btrbot.core.MemberNaming;
import dev.btrbot.core.NamedChat;
import dev.btrbot.core.port.MemberNames;
import dev.btrbot.core.jobs.CandidateWatchJob;
import dev.btrbot.core.jobs.DailySummaryJob;
import dev.btrbot.core.jobs.RoleOfferJob;
import dev.btrbot.core.jobs.Scheduler;
import dev.btrbot.core.jobs.TriagePingJob;
import dev.btrbot.core.NotesDrafts;
import dev.btrbot.core.jobs.NotesDraftJob;
import dev.btrbot.core.commands.Notes;
import dev.btrbot.core.port.GitHubReleases;
import dev.btrbot.core.port.NotesSource;
import dev.btrbot.core.port.PullFacts;
import dev.btrbot.domain.NotesCategories;
import dev.btrbot.core.Services;
import dev.btrbot.core.TagRuns;
import dev.btrbot.core.commands.Announce;
import dev.btrbot.core.commands.Backport;
import dev.btrbot.core.commands.BackportPick;
import dev.btrbot.core.port.CherryPicker;
import dev.btrbot.core.port.PullRequests;
import dev.btrbot.core.commands.Audit;
import dev.btrbot.core.commands.BackportDecline;
import dev.btrbot.core.commands.Backports;
import dev.btrbot.core.commands.Away;
import dev.btrbot.core.commands.BlockerAdd;
import dev.btrbot.core.commands.BlockerFix;
import dev.btrbot.core.commands.BlockerPriority;
import dev.btrbot.core.commands.BlockerResolve;
import dev.btrbot.core.commands.Blockers;
import dev.btrbot.core.commands.CandidateTag;
import dev.btrbot.core.commands.HoldCommand;
import dev.btrbot.core.commands.PolicySet;
import dev.btrbot.core.commands.Pool;
import dev.btrbot.core.commands.ReleaseCancel;
import dev.btrbot.core.commands.ReleaseDelete;
import dev.btrbot.core.commands.ReleaseCreate;
import dev.btrbot.core.commands.ReleaseEdit;
import dev.btrbot.core.commands.ReleaseList;
import dev.btrbot.core.commands.RoleAnswer;
import dev.btrbot.core.commands.RoleAssign;
import dev.btrbot.core.commands.Roles;
import dev.btrbot.core.commands.Rotate;
import dev.btrbot.core.commands.ScheduleCommand;
import dev.btrbot.core.commands.SignOffCommand;
import dev.btrbot.core.commands.Status;
import dev.btrbot.core.commands.Summary;
import dev.btrbot.core.commands.Sync;
import dev.btrbot.core.commands.Tag;
import dev.btrbot.core.commands.TagRunner;
import dev.btrbot.core.commands.Unhold;
import dev.btrbot.core.commands.Waive;
import dev.btrbot.core.Checklists;
import dev.btrbot.core.commands.Check;
import dev.btrbot.core.commands.ChecklistCommand;
import dev.btrbot.core.commands.Uncheck;
import dev.btrbot.core.port.BackportCheck;
import dev.btrbot.core.port.BackportSource;
import dev.btrbot.core.port.BlockerSource;
import dev.btrbot.core.port.CandidateSource;
import dev.btrbot.core.Chat;
import dev.btrbot.core.Interactions;
import dev.btrbot.core.port.CheckSource;
import dev.btrbot.core.port.PlatformManagers;
import dev.btrbot.core.port.Store;
import dev.btrbot.core.port.Tagger;
import dev.btrbot.domain.PriorityLabels;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place the bot is put together: each use case and each command is
 * built here, once, with {@code new}, and given the ports it uses through its
 * constructor. {@code Main}, the demo and the tests all build the bot through
 * it ({@link Production} from the configuration, a {@link Builder} from ports
 * of one's own).
 */
public final class Wiring {
    private final Store store;
    private final Clock clock;
    private final Services ports;
    private final Readiness readiness;
    private final TagRuns tagRuns;
    private final Recovery recovery;
    private final BlockerSync blockerSync;
    private final PlatformManagers managers;
    private final List<Command> commands;
    private final Bot bot;
    private final Scheduler scheduler;
    private final MemberNames platformNames;
    private final ForumWatch forumWatch;
    private final ForumPollJob forumPoll;
    private final ForumSource forumSource;
    private final ForumReplies forumReplies;
    private final IssueTracker issueTracker;
    private final NotesDrafts notesDrafts;
    private final NotesSource notes;
    private final NotesCategories notesCategories;
    private final PullFacts pullFacts;
    private final GitHubReleases gitHubReleases;
    private final CherryPicker cherryPicker;
    private final PullRequests pullRequests;
    private final BackportSource backportSource;
    private final BackportTracker backportTracker;

    private Wiring(Builder b) {
        this.store = Objects.requireNonNull(b.store, "store");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        BotSettings settings = Objects.requireNonNull(b.settings, "settings");
        Chat platforms = Objects.requireNonNull(b.chat, "chat");
        this.platformNames = b.memberNames;
        this.cherryPicker = b.cherryPicker;
        this.pullRequests = b.pullRequests;
        MemberNaming naming = new MemberNaming(new KnownNames(store, b.memberNames));
        // what the bot says on its own names members too
        Chat chat = new NamedChat(platforms, naming);
        CandidateSource candidates = Objects.requireNonNull(b.candidates, "candidates");
        BackportCheck backports = Objects.requireNonNull(b.backports, "backports");
        Tagger tagger = Objects.requireNonNull(b.tagger, "tagger");
        String processId = Objects.requireNonNull(b.processId, "processId");
        // the scheduler and the GitHub sync still take their ports as one record
        this.ports = new Services(store, clock, candidates, backports, tagger, platforms, settings, processId, b.blockerSource,
                b.checks, b.priorityLabels);
        Checklists checklists = new Checklists(settings.checklist());
        this.backportSource = b.backportSource;
        this.backportTracker = new BackportTracker(store, clock, b.backportSource, backports);
        this.readiness = new Readiness(store, clock, candidates, backports, b.checks, checklists, backportTracker);
        this.tagRuns = new TagRuns(tagger, settings.announceTemplate(), settings::releasePage);
        this.recovery = new Recovery(store, clock, tagger, tagRuns, processId);
        this.blockerSync = new BlockerSync(ports);
        this.managers = b.managers;
        Rotator rotator = new Rotator(settings.roleDeadline());
        Rights rights = new Rights(settings, managers);
        Delivery delivery = new Delivery(store, chat, clock, processId);
        // release notes: git's history, GitHub's pull request facts, the deployment's categories
        this.notes = b.notes;
        this.notesCategories = b.notesCategories;
        this.pullFacts = b.pullFacts;
        this.gitHubReleases = b.gitHubReleases;
        this.notesDrafts = new NotesDrafts(store, readiness, notes, pullFacts, notesCategories);
        // the forum watch: reports from the forum (polled here, or given by the adapter's webhook through forumIntake())
        this.forumSource = b.forumSource;
        this.forumReplies = b.forumReplies;
        this.issueTracker = b.issueTracker;
        this.forumWatch = new ForumWatch(store, clock, delivery, rights, settings.forum().installProblemCategories());
        this.forumPoll = new ForumPollJob(b.forumSource, store, clock, forumWatch, settings.forum().pollInterval());
        this.scheduler = new Scheduler(store, clock, new RoleOfferJob(store, delivery, rotator, rights),
                new TriagePingJob(store, delivery, settings.triageSla(), rights),
                new CandidateWatchJob(store, delivery, readiness, rights),
                new DailySummaryJob(store, delivery, readiness, settings), forumPoll.configured() ? forumPoll : null,
                new NotesDraftJob(store, delivery, notesDrafts));
        TagRunner tagRunner = new TagRunner(store, clock, tagger, chat, readiness, tagRuns, recovery, processId);
        // in the order help lists them
        this.commands = List.of(new Status(store, readiness, recovery, tagRuns, settings::releasePage),
                new ReleaseCreate(store, chat, delivery, candidates, rotator, settings.rotateOnCreate(), checklists),
                new ReleaseEdit(store, chat, candidates), new ReleaseList(store), new ReleaseCancel(store), new ReleaseDelete(store), new Roles(store),
                new RoleAssign(store), RoleAnswer.accept(store, delivery, rotator), RoleAnswer.decline(store, delivery, rotator),
                new Pool(store), new Rotate(store, delivery, rotator), new Away(store), new Blockers(store),
                tracksBackports() ? new Sync(blockerSync, store, backportTracker) : new Sync(blockerSync),
                new BlockerAdd(store), new BlockerPriority(store), new BlockerResolve(store), new BlockerFix(store, backports),
                new Backport(new BackportPick(store, backports, cherryPicker, pullRequests, delivery), new BackportDecline(store)),
                new SignOffCommand(store, readiness), new CandidateTag(store, readiness, tagRunner),
                new Tag(store, readiness, tagRunner), new Announce(store, chat, notesDrafts, gitHubReleases),
                new Notes(store, notesDrafts, checklists),
                new Summary(store, readiness, chat, settings), new ScheduleCommand(store), new HoldCommand(store),
                new Unhold(store), new Waive(store), new PolicySet(store), new Audit(store),
                new ReleaseAlias(store), new ForumPoll(store, forumPoll), new ForumReports(store),
                new ForumBlocker(store, b.issueTracker, settings.forum().opensIssues(), b.forumReplies), new ForumLink(store),
                new ForumDismiss(store),
                new ChecklistCommand(store, checklists), new Check(store, checklists), new Uncheck(store, checklists),
                new Backports(store, readiness));
        this.bot = new Bot(store, clock, rights, settings.memberChanges(), commands, naming);
    }

    /** Ports of one's own (tests, the demo); without GitHub unless given. */
    public static Builder builder() {
        return new Builder();
    }

    /** The bot: every chat command, behind the parser and the limits. */
    public Bot bot() {
        return bot;
    }

    public Store store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    /** The scheduler over these ports: its jobs (roles, triage, candidates, summaries, the forum, notes drafts), each given the ports it uses. */
    public Scheduler scheduler() {
        return scheduler;
    }

    public BlockerSync blockerSync() {
        return blockerSync;
    }

    /** Keeps the releases' backport queues (refreshed with the blocker sync, settled by every status). */
    public BackportTracker backportTracker() {
        return backportTracker;
    }

    /** Whether a source of backport candidates is configured (git, and GitHub where a token is set). */
    public boolean tracksBackports() {
        return backportSource != BackportSource.NONE;
    }

    public Recovery recovery() {
        return recovery;
    }

    /**
     * At start-up: settles the tag runs an earlier process on this host left
     * running (a crash, a kill -9) whose command has ended; one note per run.
     */
    public List<String> settleOrphanedTagRuns() {
        String id = ports.processId();
        return recovery.settleOrphanedTagRuns(id.substring(0, Math.max(0, id.lastIndexOf(':'))));
    }

    public Readiness readiness() {
        return readiness;
    }

    /**
     * The read-only dashboard over the store, naming members as the platforms tell (the dashboard falls back to the
     * names the store remembered, read once a page, and then to their ids).
     */
    public Dashboard dashboard() {
        return new Dashboard(store, clock, readiness, platformNames);
    }

    /** Where the forum adapter's webhook hands the posts it was sent (polling hands them over itself). */
    public ForumIntake forumIntake() {
        return forumWatch;
    }

    /** What chat adapters ask besides commands: whether a sign-off form may open, which release a text names, replays. */
    public Interactions interactions() {
        return new Interactions(store, ports.candidates());
    }

    /** Whether GitHub is configured to list blockers. */
    public boolean syncsFromGitHub() {
        return ports.blockerSource().configured();
    }

    /**
     * Starts answering Slack with this bot: its request endpoint on {@code web}, its token's health in {@code /healthz}.
     * What Slack asks besides commands goes to {@code interactions} (the caller closes it when serving ends).
     */
    public void serve(SlackAdapter slack, Interactions interactions, WebServer web) throws Exception {
        slack.serve(bot, interactions, new SlackAdapter.Host() {
            @Override
            public void mount(String path, HttpServlet servlet) {
                web.mount(path, servlet);
            }

            @Override
            public void healthCheck(Supplier<Optional<String>> problem) {
                web.healthCheck(problem);
            }
        });
    }

    /** The ports, for a builder that changes some of them (another process on the same store, say). */
    public Builder toBuilder() {
        return new Builder().store(store).clock(clock).candidates(ports.candidates()).backports(ports.backports())
                .tagger(ports.tagger()).chat(ports.chat()).settings(ports.settings()).processId(ports.processId())
                .github(ports.blockerSource(), ports.checks()).priorityLabels(ports.priorityLabels()).managers(managers).memberNames(platformNames)
                .forum(forumSource, forumReplies).issueTracker(issueTracker)
                .notes(notes, notesCategories).pullRequests(pullFacts, gitHubReleases)
                .cherryPicker(cherryPicker).backportPullRequests(pullRequests)
                .backportSource(backportSource);
    }

    /** The ports the bot is built from; all but GitHub, the priority labels and the platform's managers are required. */
    public static final class Builder {
        private Store store;
        private Clock clock;
        private CandidateSource candidates;
        private BackportCheck backports;
        private Tagger tagger;
        private Chat chat;
        private BotSettings settings;
        private String processId;
        private BlockerSource blockerSource = BlockerSource.NONE;
        private CheckSource checks = CheckSource.NONE;
        private PriorityLabels priorityLabels = PriorityLabels.DEFAULT;
        private PlatformManagers managers = PlatformManagers.NONE;
        private MemberNames memberNames = MemberNames.NONE;
        private ForumSource forumSource;
        private ForumReplies forumReplies;
        private IssueTracker issueTracker = IssueTracker.NONE;
        private NotesSource notes = NotesSource.NONE;
        private NotesCategories notesCategories = NotesCategories.DEFAULT;
        private PullFacts pullFacts = PullFacts.NONE;
        private GitHubReleases gitHubReleases = GitHubReleases.NONE;
        private CherryPicker cherryPicker = CherryPicker.NONE;
        private PullRequests pullRequests = PullRequests.NONE;
        private BackportSource backportSource = BackportSource.NONE;

        private Builder() {
        }

        /** Release notes: the git history reader, and how entries are grouped ({@code BTR_NOTES_CATEGORIES_FILE}). */
        public Builder notes(NotesSource notes, NotesCategories categories) {
            this.notes = Objects.requireNonNull(notes);
            this.notesCategories = Objects.requireNonNull(categories);
            return this;
        }

        /** GitHub's facts of pull requests for release notes, and GitHub releases for {@code announce --github-release}. */
        public Builder pullRequests(PullFacts facts, GitHubReleases releases) {
            this.pullFacts = Objects.requireNonNull(facts);
            this.gitHubReleases = Objects.requireNonNull(releases);
            return this;
        }

        public Builder store(Store store) {
            this.store = store;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Reads branch heads. */
        public Builder candidates(CandidateSource candidates) {
            this.candidates = candidates;
            return this;
        }

        public Builder backports(BackportCheck backports) {
            this.backports = backports;
            return this;
        }

        public Builder tagger(Tagger tagger) {
            this.tagger = tagger;
            return this;
        }

        public Builder chat(Chat chat) {
            this.chat = chat;
            return this;
        }

        public Builder settings(BotSettings settings) {
            this.settings = settings;
            return this;
        }

        /** This process, {@code host:pid}: the owner its tag runs, claims and syncs are recorded with. */
        public Builder processId(String processId) {
            this.processId = processId;
            return this;
        }

        /** Blockers from GitHub issues and CI results on a commit. */
        public Builder github(BlockerSource blockerSource, CheckSource checks) {
            this.blockerSource = Objects.requireNonNull(blockerSource);
            this.checks = Objects.requireNonNull(checks);
            return this;
        }

        public Builder priorityLabels(PriorityLabels priorityLabels) {
            this.priorityLabels = Objects.requireNonNull(priorityLabels);
            return this;
        }

        /** Managers a chat platform vouches for (e.g. by room power level) besides admins and release managers. */
        public Builder managers(PlatformManagers managers) {
            this.managers = Objects.requireNonNull(managers);
            return this;
        }

        /** Display names as the chat platforms know them (Slack's, then Matrix's, say); none by default. */
        public Builder memberNames(MemberNames names) {
            this.memberNames = Objects.requireNonNull(names);
            return this;
        }

        /**
         * The community's forum: read by polling ({@code source}; null: not polled) and replied on ({@code replies}; null:
         * the bot does not post there).
         */
        public Builder forum(ForumSource source, ForumReplies replies) {
            this.forumSource = source;
            this.forumReplies = replies;
            return this;
        }

        /** Where a forum report made a blocker is filed as an issue (with {@code BTR_FORUM_OPENS_ISSUES}); none by default. */
        public Builder issueTracker(IssueTracker tracker) {
            this.issueTracker = Objects.requireNonNull(tracker);
            return this;
        }

        /** Working clones where backports are cherry-picked and pushed; none by default. */
        public Builder cherryPicker(CherryPicker picker) {
            this.cherryPicker = Objects.requireNonNull(picker);
            return this;
        }

        /** Pull requests on GitHub: what a merged one holds, and opening backports; none by default (branches are pushed only). */
        public Builder backportPullRequests(PullRequests pulls) {
            this.pullRequests = Objects.requireNonNull(pulls);
            return this;
        }

        /** Where backport candidates are found (git, GitHub); none by default. */
        public Builder backportSource(BackportSource source) {
            this.backportSource = Objects.requireNonNull(source);
            return this;
        }

        public Wiring build() {
            return new Wiring(this);
        }
    }
}
