package dev.btrbot.wiring;

import dev.btrbot.adapter.git.GitBackportCheck;
import dev.btrbot.adapter.git.GitBackportSource;
import dev.btrbot.adapter.git.GitCandidateSource;
import dev.btrbot.adapter.git.GitNotesSource;
import dev.btrbot.adapter.github.GitHubPullFacts;
import dev.btrbot.adapter.github.GitHubReleaseMaker;
import dev.btrbot.config.Environment;
import dev.btrbot.config.NotesCategoriesFile;
import dev.btrbot.adapter.git.GitCherryPicker;
import dev.btrbot.adapter.git.ProcessTagger;
import dev.btrbot.adapter.github.GitHubApi;
import dev.btrbot.adapter.github.GitHubBackportCheck;
import dev.btrbot.adapter.github.GitHubBackportSource;
import dev.btrbot.adapter.github.GitHubBlockerSource;
import dev.btrbot.adapter.github.GitHubCheckSource;
import dev.btrbot.adapter.discourse.Discourse;
import dev.btrbot.adapter.github.GitHubPullRequests;
import dev.btrbot.adapter.store.Database;
import dev.btrbot.adapter.web.WebServer;
import dev.btrbot.config.BotConfig;
import dev.btrbot.config.DiscourseConfig;
import dev.btrbot.core.BackportChecks;
import dev.btrbot.core.BlockerSync;
import dev.btrbot.core.BotSettings;
import dev.btrbot.core.Interactions;
import dev.btrbot.core.port.BackportCheck;
import dev.btrbot.core.port.BackportSource;
import dev.btrbot.core.Chat;
import dev.btrbot.core.port.MemberNames;
import dev.btrbot.core.port.PlatformManagers;
import dev.btrbot.domain.MemberId;
import dev.btrbot.domain.PriorityLabels;
import dev.btrbot.domain.RateLimit;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot as configured: the SQLite file, git, the tag command, and GitHub
 * when a token is set. Read from the configuration once; the chat platforms
 * are the caller's (they are started apart from the bot).
 */
public final class Production {
    private static final Logger LOG = LoggerFactory.getLogger(Production.class);

    private Production() {
    }

    public static Wiring wiring(BotConfig config, Chat chat) {
        return wiring(config, chat, PlatformManagers.NONE);
    }

    /** @param managers managers a chat platform vouches for (a Matrix room's power level) */
    public static Wiring wiring(BotConfig config, Chat chat, PlatformManagers managers) {
        return wiring(config, chat, managers, MemberNames.NONE);
    }

    /**
     * @param managers managers a chat platform vouches for (a Matrix room's power level)
     * @param names    members' display names as the chat platforms know them
     */
    public static Wiring wiring(BotConfig config, Chat chat, PlatformManagers managers, MemberNames names) {
        return wiring(config, Database.open(config.database().location(), config.database().password()), chat, managers, names);
    }

    /**
     * @param database the bot's database (SQLite file or PostgreSQL), opened and migrated
     * @param managers managers a chat platform vouches for (a Matrix room's power level)
     * @param names    members' display names as the chat platforms know them
     */
    public static Wiring wiring(BotConfig config, Database database, Chat chat, PlatformManagers managers, MemberNames names) {
        return wiring(config, database, Clock.systemUTC(), chat, managers, names);
    }

    /** @param clock the one clock of this process (its chat adapters, the leader lease and the bot share it) */
    public static Wiring wiring(BotConfig config, Database database, Clock clock, Chat chat, PlatformManagers managers,
                                MemberNames names) {
        String host = hostName();
        BotSettings settings = new BotSettings(config.admins(), config.consoleUser(), config.roleDeadline(),
                config.announceTemplate(), config.schedules().triageSla(), config.schedules().rotateOnCreate(),
                RateLimit.perHour(config.guards().memberChangesPerHour()), config.publicUrl()).withChecklist(config.checklist());
        if (config.discourse() != null) {
            DiscourseConfig d = config.discourse();
            settings = settings.withForum(new dev.btrbot.core.ForumSettings(d.installCategories(), d.pollEvery(), d.opensIssues()));
        }
        GitBackportCheck mirrors = new GitBackportCheck(config.gitCache());
        BackportCheck backports = mirrors;
        // backport candidates: trailers in the git history; with a token, labels on GitHub first
        BackportSource backportSource = new GitBackportSource(mirrors);
        Wiring.Builder wiring = Wiring.builder().store(database.store()).clock(clock).settings(settings)
                .chat(chat).candidates(new GitCandidateSource()).processId(host + ":" + ProcessHandle.current().pid())
                .priorityLabels(PriorityLabels.withOverrides(config.github().priorityLabels())).managers(managers).memberNames(names)
                .notes(new GitNotesSource(config.gitCache()), NotesCategoriesFile.fromEnvironment(Environment.current()));
        // backports are cherry-picked in working clones beside the backport check's mirrors
        wiring.cherryPicker(new GitCherryPicker(config.gitCache().resolve("backports")));
        if (config.github().token() != null) {
            GitHubApi api = GitHubApi.connect(config.github().apiUrl(), config.github().token(), config.github().maxWait(), clock);
            wiring.github(new GitHubBlockerSource(api, config.github().closedWindow(), clock), new GitHubCheckSource(api));
            // files forum reports made blockers as issues, where BTR_FORUM_OPENS_ISSUES names a repository
            wiring.issueTracker(new dev.btrbot.adapter.github.GitHubIssueTracker(api));
            wiring.pullRequests(new GitHubPullFacts(api), new GitHubReleaseMaker(api));
            // backport pull requests: what a merged one holds, and opening the backport
            wiring.backportPullRequests(new GitHubPullRequests(api));
            // BTR_BACKPORT_CHECK: mirrors only, the API for GitHub repositories, or mirrors falling back to the API
            GitHubBackportCheck viaApi = new GitHubBackportCheck(api);
            // BTR_BACKPORT_CHECK=api makes no mirror of a GitHub repository: its trailers are then not read, only its labels
            BackportSource fromGit = config.github().backportCheck() == BotConfig.BackportMode.API
                    ? BackportSource.limitedTo(backportSource, repo -> !viaApi.covers(repo)) : backportSource;
            backportSource = BackportSource.both(new GitHubBackportSource(api), fromGit);
            backports = switch (config.github().backportCheck()) {
                case MIRROR -> backports;
                case API -> BackportChecks.apiWhereServed(backports, viaApi, viaApi::covers);
                case AUTO -> BackportChecks.mirrorThenApi(backports, viaApi, viaApi::covers);
            };
        }
        // BTR_DISCOURSE_URL: the community's forum, read anonymously and politely; replied on with BTR_DISCOURSE_API_KEY
        if (config.discourse() != null) {
            Discourse forum = Discourse.connect(config.discourse(), clock);
            wiring.forum(forum.source(), forum.replies().orElse(null));
        }
        // the tag command's output goes beside the database, where a restarted bot finds it
        Path local = config.database().localFiles().toAbsolutePath();
        Path runs = local.resolveSibling(local.getFileName() + ".tag-runs");
        ProcessTagger tagger = new ProcessTagger(config.tagCommand(), config.tagTimeout(), 256 * 1024, runs, host);
        // SIGTERM (or Ctrl-C): stop the tag command's process group and let it roll back before the bot exits
        Runtime.getRuntime().addShutdownHook(new Thread(tagger::stopAll, "tag-command-shutdown"));
        return wiring.backports(backports).backportSource(backportSource).tagger(tagger).build();
    }

    /**
     * Syncs every active release with a milestone or label from GitHub in the
     * background, one release at a time, every {@code BTR_GITHUB_SYNC_MINUTES},
     * and refreshes every active release's backport queue with it; closing the
     * result stops it. Nothing runs when neither GitHub nor a backport source is
     * configured.
     */
    public static AutoCloseable syncFromGitHub(BotConfig config, Wiring wiring) {
        long minutes = config.github().syncEvery().toMinutes();
        if (!wiring.syncsFromGitHub() && !wiring.tracksBackports() || minutes <= 0) {
            return () -> { };
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "github-sync");
            t.setDaemon(true);
            return t;
        });
        BlockerSync sync = wiring.blockerSync();
        timer.scheduleWithFixedDelay(() -> {
            try {
                if (wiring.syncsFromGitHub()) {
                    sync.syncAll(new MemberId("btr-bot"));
                }
            } catch (RuntimeException e) {
                LOG.error("scheduled GitHub sync failed", e);
            }
            wiring.backportTracker().refreshAll(new MemberId("btr-bot"));
        }, 0, minutes, TimeUnit.MINUTES);
        return timer::shutdownNow;
    }

    /**
     * Mounts the forum's webhook ({@code /discourse/webhook}) on {@code web} when {@code BTR_DISCOURSE_WEBHOOK_SECRET} is
     * set: signed deliveries go to the forum watch, and each is remembered in the store so a replay changes nothing.
     *
     * @return whether it was mounted
     */
    public static boolean serveForumWebhook(BotConfig config, Wiring wiring, Interactions interactions, WebServer web) {
        if (config.discourse() == null || config.discourse().webhookSecret() == null) {
            return false;
        }
        Discourse forum = Discourse.connect(config.discourse(), wiring.clock());
        web.mount(Discourse.WEBHOOK_PATH, forum.webhook(wiring.forumIntake(), interactions::firstSight));
        LOG.info("forum: {} mounted (signed deliveries from {} only)", Discourse.WEBHOOK_PATH, config.discourse().url());
        return true;
    }

    public static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
