package dev.btrbot;

import dev.btrbot.adapter.console.ConsoleChat;
import dev.btrbot.adapter.console.ConsoleRepl;
import dev.btrbot.adapter.matrix.MatrixAdapter;
import dev.btrbot.adapter.slack.SlackAdapter;
import dev.btrbot.adapter.store.Database;
import dev.btrbot.adapter.store.LeaderLease;
import dev.btrbot.adapter.web.WebServer;
import dev.btrbot.config.BotConfig;
import dev.btrbot.config.Environment;
import dev.btrbot.core.ChatRouter;
import dev.btrbot.core.Interactions;
import dev.btrbot.core.jobs.Scheduler;
import dev.btrbot.core.Chat;
import dev.btrbot.core.port.MemberNames;
import dev.btrbot.core.port.PlatformManagers;
import dev.btrbot.demo.Demo;
import dev.btrbot.domain.MemberId;
import dev.btrbot.wiring.Production;
import dev.btrbot.wiring.Wiring;
import java.io.BufferedReader;
import java.time.Clock;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Reads the configuration once, has {@link Wiring} put the bot together, and starts what was asked for. */
@Command(name = "btr-bot", mixinStandardHelpOptions = true, version = "btr-bot 0.1",
        description = "Runs a release's go/no-go process: roles, blockers, bound sign-offs, a quorum gate, one tag run.",
        subcommands = {Main.Console.class, Main.Serve.class, Main.DemoCommand.class, Main.TickCommand.class, Main.MigrateCommand.class})
public final class Main implements Callable<Integer> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof dev.btrbot.domain.Refusal) {
                commandLine.getErr().println("btr-bot: " + e.getMessage());
                return 2;
            }
            if (System.getenv("BTR_DEBUG") != null) {
                throw e;
            }
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
            commandLine.getErr().println("btr-bot: cannot start: " + message + " (BTR_DEBUG=1 shows the stack trace)");
            return 1;
        });
        return cli.execute(args);
    }

    /** With no subcommand: what there is to run, and the first thing to try. */
    @Override
    public Integer call() {
        CommandLine cli = new CommandLine(this);
        cli.usage(cli.getOut());
        cli.getOut().println();
        cli.getOut().println("Start with 'console' to try the commands, or 'demo' to watch the koa.2 story.");
        return 0;
    }

    /** {@code --db PATH} for the commands that open the database; the environment gives the rest. */
    static final class DatabaseOption {
        @Option(names = "--db", description = "SQLite file or postgresql://user@host:5432/name URL (default: $BTR_DB or ./btr.db)")
        String db;

        BotConfig config() {
            BotConfig config = BotConfig.fromEnvironment(Environment.current());
            return db == null ? config : config.withDatabase(db);
        }
    }

    @Command(name = "console", mixinStandardHelpOptions = true, description = "Reads commands from standard input (interactive or piped) and prints replies.")
    static final class Console implements Callable<Integer> {
        @Mixin
        DatabaseOption database = new DatabaseOption();

        @Option(names = "--as", description = "speak as this member (default: $BTR_CONSOLE_USER or $USER)")
        String as;

        @Override
        public Integer call() throws Exception {
            BotConfig config = database.config();
            if (as != null) {
                config = config.withConsoleUser(new MemberId(as));
            }
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            Wiring wiring = Production.wiring(config, new ConsoleChat(out));
            wiring.settleOrphanedTagRuns().forEach(note -> out.println("warning: " + note));
            boolean interactive = System.console() != null;
            new ConsoleRepl(wiring.bot(), config.consoleUser(), out)
                    .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), interactive);
            return 0;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Serves HTTP (/healthz, the dashboard, chat platforms) on $PORT until stopped.")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--init", description = "create the database when it is missing or empty (also BTR_DB_CREATE=true)")
        boolean init;

        @Override
        public Integer call() throws Exception {
            BotConfig config = BotConfig.fromEnvironment(Environment.current());
            // a mis-mounted volume must not become a new, empty database (and lose the audit log): only when told
            String missing = init || config.guards().createDatabase() ? null : Database.missingOrEmpty(config.database().location());
            if (missing != null) {
                throw new IllegalArgumentException(missing + "; serve creates one only when told to (serve --init, or"
                        + " BTR_DB_CREATE=true). Is the volume that holds it mounted?");
            }
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            java.util.List<Chat> chats = new java.util.ArrayList<>();
            // Slack (SLACK_BOT_TOKEN): channels C…/G…/D… and members U…/W… reach Slack
            Clock clock = Clock.systemUTC(); // the one clock of this process
            SlackAdapter slack = config.slack() == null ? null : new SlackAdapter(config.slack(), config.publicUrl(), clock);
            if (slack != null) {
                slack.verify(); // a token Slack rejects stops serve here, before anything else starts
                chats.add(slack.chat());
            }
            Database database = Database.open(config.database().location(), config.database().password());
            LOG.info("database: {}", database.describe());
            // Matrix (MATRIX_HOMESERVER_URL): rooms and members reach Matrix; its room power levels may vouch for managers
            MatrixAdapter matrix = config.matrix() == null ? null
                    : MatrixAdapter.create(config.matrix(), database.jdbi(), clock);
            if (matrix != null) {
                chats.add(matrix.chat());
            }
            chats.add(new ConsoleChat(out));
            MemberNames names = (slack == null ? MemberNames.NONE : slack.memberNames())
                    .or(matrix == null ? MemberNames.NONE : matrix.memberNames());
            Wiring wiring = Production.wiring(config, database, clock, new ChatRouter(chats),
                    matrix == null ? PlatformManagers.NONE : matrix.managers(), names);
            wiring.settleOrphanedTagRuns().forEach(LOG::warn);
            // one replica among those on this database leads: it alone runs the Matrix /sync loop and the scheduler's tick
            LeaderLease lease = new LeaderLease(database, "serve", Production.hostName() + ":" + ProcessHandle.current().pid(), clock);
            if (matrix != null) {
                lease.watch(new LeaderLease.Watcher() {
                    @Override
                    public void started() {
                        matrix.start(wiring.bot(), wiring.store());
                    }

                    @Override
                    public void stopped() {
                        matrix.close();
                    }
                });
                // SIGTERM runs hooks, not necessarily the finally below; close() is idempotent
                Runtime.getRuntime().addShutdownHook(new Thread(matrix::close, "matrix-shutdown"));
            }
            lease.start();
            Runtime.getRuntime().addShutdownHook(new Thread(lease::close, "leader-lease-resign"));
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "btr-scheduler");
                t.setDaemon(true);
                return t;
            });
            Scheduler scheduler = wiring.scheduler();
            long every = config.schedules().tick().toSeconds();
            ticker.scheduleWithFixedDelay(() -> {
                if (lease.leads()) {
                    scheduler.tickQuietly();
                }
            }, 0, every, TimeUnit.SECONDS);
            try (WebServer web = new WebServer(config.httpHost(), config.port(), wiring.bot(), wiring.dashboard(), new WebServer.Options(
                    config.guards().dashboard() == BotConfig.Dashboard.PUBLIC, config.guards().connectionsPerAddress()));
                 AutoCloseable closeSlack = slack == null ? () -> { } : slack;
                 AutoCloseable closeMatrix = matrix == null ? () -> { } : matrix;
                 Interactions interactions = wiring.interactions()) {
                if (slack != null) {
                    wiring.serve(slack, interactions, web);
                }
                Production.serveForumWebhook(config, wiring, interactions, web);
                web.healthNote(lease::describe);
                web.start();
                try (AutoCloseable sync = Production.syncFromGitHub(config, wiring)) {
                    LOG.info("btr-bot serving on {}:{} (dashboard at /, health at /healthz; schedules every {} s)", config.httpHost(),
                            web.port(), every);
                    web.join();
                }
            } finally {
                ticker.shutdownNow();
            }
            return 0;
        }
    }

    @Command(name = "tick", mixinStandardHelpOptions = true, description = "Sends whatever is due now (summaries, role reminders and expiries, triage pings, "
            + "sign-off nudges) once, then exits: for cron, or to try schedules in the console.")
    static final class TickCommand implements Callable<Integer> {
        @Mixin
        DatabaseOption database = new DatabaseOption();

        @Override
        public Integer call() throws Exception {
            BotConfig config = database.config();
            if (config.matrix() != null) {
                // a Matrix message leaves through the running sync loop's send queue: sent here, it would be marked sent
                throw new IllegalArgumentException("tick cannot post to Matrix; with MATRIX_HOMESERVER_URL set, serve sends what is"
                        + " due itself (every BTR_TICK_SECONDS).");
            }
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            java.util.List<Chat> chats = new java.util.ArrayList<>();
            // with Slack configured, what is due goes to Slack, as serve would send it; the console gets the rest
            SlackAdapter slack = config.slack() == null ? null : new SlackAdapter(config.slack(), config.publicUrl());
            if (slack != null) {
                slack.verify();
                chats.add(slack.chat());
            }
            chats.add(new ConsoleChat(out));
            Wiring wiring = Production.wiring(config, new ChatRouter(chats));
            wiring.settleOrphanedTagRuns().forEach(note -> out.println("warning: " + note));
            Scheduler.Tick tick = wiring.scheduler().tick();
            out.println(tick.sent().isEmpty() ? "Nothing was due at " + tick.at() + "."
                    : tick.sent().size() + " scheduled message(s) sent at " + tick.at() + ".");
            return 0;
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Moves an install from its SQLite file to an empty "
            + "PostgreSQL database, in one transaction: every row with its ids and times; the counts are checked before it commits.")
    static final class MigrateCommand implements Callable<Integer> {
        @Option(names = "--from", required = true, paramLabel = "FILE", description = "the SQLite file (stop the bot first)")
        Path from;

        @Option(names = "--to", required = true, paramLabel = "URL",
                description = "postgresql://user@host:5432/name or jdbc:postgresql:… (password: $BTR_DB_PASSWORD or $BTR_DB_PASSWORD_FILE)")
        String to;

        @Override
        public Integer call() {
            String missing = Database.missingOrEmpty(from.toString());
            if (missing != null) {
                throw new IllegalArgumentException(missing + "; nothing to move.");
            }
            if (Database.isFile(to)) {
                throw new IllegalArgumentException("--to must be a PostgreSQL URL (postgresql://user@host:5432/name), not a file.");
            }
            String password = BotConfig.fromEnvironment(Environment.current()).database().password();
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            try (Database source = Database.open(from.toString(), null); Database target = Database.open(to, password)) {
                java.util.Map<String, Long> moved = dev.btrbot.adapter.store.DatabaseMove.copy(source, target);
                moved.forEach((table, rows) -> out.println(String.format("%-20s %8d", table, rows)));
                out.println("Moved " + moved.values().stream().mapToLong(Long::longValue).sum() + " rows in " + moved.size()
                        + " tables from " + source.describe() + " to " + target.describe() + "; the counts match.");
            }
            return 0;
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true, description = "Plays the koa.2 story end to end with real git repositories in a temp folder.")
    static final class DemoCommand implements Callable<Integer> {
        @Option(names = "--setup", paramLabel = "DIR",
                description = "leave the koa.2 repositories and the README's console session in DIR (a new folder) instead")
        Path setup;

        @Override
        public Integer call() throws Exception {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            return setup == null ? new Demo(out).play() : new Demo(out).setUp(setup);
        }
    }
}
