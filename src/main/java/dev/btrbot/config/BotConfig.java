package dev.btrbot.config;

import dev.btrbot.domain.MemberId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configuration, read once from the environment (secrets only ever come
 * from there, and are never printed: {@link #toString()} leaves them out).
 * {@code slack} is null when Slack is off, {@code matrix} when Matrix is, {@code discourse} when the forum is not watched.
 * {@code checklist} is what each new release's checklist starts from ({@code BTR_CHECKLIST_FILE}, else the koa.2 runbook).
 */
public record BotConfig(Database database, Set<MemberId> admins, MemberId consoleUser, List<String> tagCommand,
                        Duration tagTimeout, Path gitCache, Duration roleDeadline, String announceTemplate, String httpHost,
                        int port, String publicUrl, Schedules schedules, Slack slack, MatrixConfig matrix, GitHub github,
                        Guards guards, DiscourseConfig discourse,
                        dev.btrbot.domain.ChecklistTemplate checklist) {

    /**
     * The database ({@code BTR_DB}): a SQLite file path (the default {@code btr.db}), or a PostgreSQL URL
     * ({@code postgresql://user@host:5432/btr} or {@code jdbc:postgresql:…}) whose password comes from
     * {@code BTR_DB_PASSWORD} or {@code BTR_DB_PASSWORD_FILE}; the store adapter tells the two apart.
     * {@link #toString()} never shows the password.
     */
    public record Database(String location, String password) {
        static Database fromEnvironment(Map<String, String> env) {
            String location = env.get("BTR_DB");
            String password = env.get("BTR_DB_PASSWORD");
            return new Database(location == null || location.isBlank() ? "btr.db" : location.strip(),
                    password == null || password.isEmpty() ? null : password);
        }

        /**
         * Where the bot keeps files of its own (the tag command's output, the git cache): beside a SQLite
         * file, else under {@code btr-data/} in the working directory.
         */
        public Path localFiles() {
            boolean url = location.contains("://") || location.startsWith("jdbc:");
            return url ? Path.of("btr-data", "btr") : Path.of(location);
        }

        @Override
        public String toString() {
            return "Database[location=" + location + ", password=" + (password == null ? "unset" : "***") + "]";
        }
    }

    /**
     * What keeps hostile or careless use from doing harm.
     *
     * @param memberChangesPerHour  changes a member (not an admin) may make in an hour; 0: no limit ({@code BTR_MEMBER_CHANGES_PER_HOUR})
     * @param createDatabase        {@code serve} may create a missing or empty database ({@code BTR_DB_CREATE}; also {@code serve --init})
     * @param dashboard             whether the unauthenticated dashboard is served ({@code BTR_DASHBOARD=public|off})
     * @param connectionsPerAddress open HTTP connections one client address may hold; 0: no limit ({@code BTR_HTTP_CONNECTIONS_PER_ADDRESS})
     */
    public record Guards(int memberChangesPerHour, boolean createDatabase, Dashboard dashboard, int connectionsPerAddress) {
        static Guards fromEnvironment(Map<String, String> env) {
            return new Guards((int) number(env, "BTR_MEMBER_CHANGES_PER_HOUR", 60, 0, 100_000), flag(env, "BTR_DB_CREATE"),
                    Dashboard.parse(env.get("BTR_DASHBOARD")), (int) number(env, "BTR_HTTP_CONNECTIONS_PER_ADDRESS", 32, 0, 100_000));
        }

        public Guards withCreateDatabase(boolean create) {
            return new Guards(memberChangesPerHour, create, dashboard, connectionsPerAddress);
        }
    }

    /** {@code public}: the read-only dashboard is served to anyone; {@code off}: its paths answer 404 ({@code /healthz} stays). */
    public enum Dashboard {
        PUBLIC, OFF;

        static Dashboard parse(String raw) {
            if (raw == null || raw.isBlank()) {
                return PUBLIC;
            }
            try {
                return valueOf(raw.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("BTR_DASHBOARD must be public or off, not '" + raw + "'.");
            }
        }
    }

    /**
     * The scheduler's settings.
     *
     * @param tick           how often {@code serve} looks for due summaries, reminders and pings ({@code BTR_TICK_SECONDS})
     * @param triageSla      untriaged blockers older than this ping the triager ({@code BTR_TRIAGE_SLA_HOURS})
     * @param rotateOnCreate creating a release offers its roles at once ({@code BTR_ROTATE_ON_CREATE})
     */
    public record Schedules(Duration tick, Duration triageSla, boolean rotateOnCreate) {
        public Schedules {
            if (tick.isNegative() || tick.isZero() || triageSla.isNegative() || triageSla.isZero()) {
                throw new IllegalArgumentException("BTR_TICK_SECONDS and BTR_TRIAGE_SLA_HOURS must be positive");
            }
        }

        static Schedules fromEnvironment(Map<String, String> env) {
            return new Schedules(Duration.ofSeconds(number(env, "BTR_TICK_SECONDS", 60, 1, 86_400)),
                    Duration.ofHours(number(env, "BTR_TRIAGE_SLA_HOURS", 24, 1, 24 * 365)),
                    Boolean.parseBoolean(env.getOrDefault("BTR_ROTATE_ON_CREATE", "false")));
        }
    }

    /**
     * Slack credentials, or none when {@code SLACK_BOT_TOKEN} is unset. The
     * signing secret verifies HTTP requests; the app token, when set, makes the
     * bot connect in Socket Mode instead. {@code apiUrl} replaces
     * {@code https://slack.com/api/} (tests, air-gapped installs).
     */
    public record Slack(String botToken, String signingSecret, String appToken, String apiUrl) {
        static Slack fromEnvironment(Map<String, String> env) {
            String token = blankToNull(env.get("SLACK_BOT_TOKEN"));
            if (token == null) {
                return null;
            }
            String api = blankToNull(env.get("SLACK_API_URL"));
            if (api != null && !api.endsWith("/")) {
                api = api + "/";
            }
            return new Slack(token, blankToNull(env.get("SLACK_SIGNING_SECRET")), blankToNull(env.get("SLACK_APP_TOKEN")), api);
        }

        public boolean socketMode() {
            return appToken != null;
        }

        /** Never shows a secret. */
        @Override
        public String toString() {
            return "Slack[botToken=***, signingSecret=" + (signingSecret == null ? "unset" : "***") + ", appToken="
                    + (appToken == null ? "unset" : "***") + ", apiUrl=" + (apiUrl == null ? "default" : apiUrl) + "]";
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    /**
     * GitHub access. {@code token} null means GitHub is not used (blockers by
     * hand only); {@link #toString()} never shows the token.
     *
     * @param apiUrl         null for api.github.com ({@code GITHUB_API_URL}: Enterprise, tests)
     * @param priorityLabels label=priority overrides of the default table ({@code BTR_PRIORITY_LABELS})
     * @param maxWait        the longest a request waits for a rate limit to reset ({@code BTR_GITHUB_MAX_WAIT_SECONDS})
     * @param syncEvery      how often {@code serve} syncs every active release; zero for never ({@code BTR_GITHUB_SYNC_MINUTES})
     * @param backportCheck  how fixes are found on release branches ({@code BTR_BACKPORT_CHECK})
     * @param closedWindow   closed issues are fetched only when closed this recently; zero for all ({@code BTR_GITHUB_CLOSED_DAYS})
     */
    public record GitHub(String apiUrl, String token, String priorityLabels, Duration maxWait, Duration syncEvery,
                         BackportMode backportCheck, Duration closedWindow) {
        static GitHub fromEnvironment(Map<String, String> env) {
            String token = env.get("GITHUB_TOKEN");
            token = token == null || token.isBlank() ? null : token.strip();
            BackportMode mode = BackportMode.parse(env.get("BTR_BACKPORT_CHECK"));
            if (mode == BackportMode.API && token == null) {
                throw new IllegalArgumentException("BTR_BACKPORT_CHECK=api needs GITHUB_TOKEN.");
            }
            return new GitHub(env.get("GITHUB_API_URL"), token, env.get("BTR_PRIORITY_LABELS"),
                    Duration.ofSeconds(number(env, "BTR_GITHUB_MAX_WAIT_SECONDS", 30, 0, 3_600)),
                    Duration.ofMinutes(number(env, "BTR_GITHUB_SYNC_MINUTES", 15, 0, 24 * 60)), mode,
                    Duration.ofDays(number(env, "BTR_GITHUB_CLOSED_DAYS", 90, 0, 36_500)));
        }

        @Override
        public String toString() {
            return "GitHub[apiUrl=" + apiUrl + ", token=" + (token == null ? "none" : "(set)") + ", priorityLabels=" + priorityLabels
                    + ", maxWait=" + maxWait + ", syncEvery=" + syncEvery + ", backportCheck=" + backportCheck
                    + ", closedWindow=" + closedWindow + "]";
        }
    }

    /**
     * {@code mirror}: local git mirrors only; {@code api}: GitHub's API for
     * GitHub repositories (mirrors for the others); {@code auto}: mirrors,
     * and GitHub's API where a mirror cannot be fetched (with a token).
     */
    public enum BackportMode {
        MIRROR, API, AUTO;

        static BackportMode parse(String raw) {
            if (raw == null || raw.isBlank()) {
                return AUTO;
            }
            try {
                return valueOf(raw.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("BTR_BACKPORT_CHECK must be mirror, api or auto, not '" + raw + "'.");
            }
        }
    }

    public static BotConfig fromEnvironment(Map<String, String> env) {
        Database db = Database.fromEnvironment(env);
        Set<MemberId> admins = Arrays.stream(env.getOrDefault("BTR_ADMINS", "").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).map(MemberId::new).collect(Collectors.toSet());
        String user = env.getOrDefault("BTR_CONSOLE_USER", env.getOrDefault("USER", "")).replaceAll("[^A-Za-z0-9._-]", "");
        MemberId consoleUser = new MemberId(user.isEmpty() ? "console" : user);
        List<String> tagCommand = List.of(env.getOrDefault("BTR_TAG_COMMAND", defaultTagCommand().toString()));
        Duration tagTimeout = Duration.ofSeconds(number(env, "BTR_TAG_TIMEOUT_SECONDS", 900, 1, 86_400));
        Path cache = Path.of(env.getOrDefault("BTR_GIT_CACHE", db.localFiles().toAbsolutePath() + ".git-cache"));
        Duration deadline = Duration.ofHours(number(env, "BTR_ROLE_DEADLINE_HOURS", 48, 1, 24 * 60));
        String template = env.getOrDefault("BTR_ANNOUNCE_TEMPLATE", dev.btrbot.core.BotSettings.DEFAULT_ANNOUNCEMENT);
        String host = env.getOrDefault("BTR_HTTP_HOST", "0.0.0.0");
        int port = (int) number(env, "PORT", 3000, 0, 65_535);
        String publicUrl = env.get("BTR_PUBLIC_URL");
        GitHub github = GitHub.fromEnvironment(env);
        DiscourseConfig discourse = DiscourseConfig.fromEnvironment(env).orElse(null);
        if (discourse != null && discourse.opensIssues() != null && github.token() == null) {
            throw new IllegalArgumentException("BTR_FORUM_OPENS_ISSUES needs GITHUB_TOKEN (with the right to open issues there).");
        }
        return new BotConfig(db, admins, consoleUser, tagCommand, tagTimeout, cache, deadline, template, host, port, publicUrl,
                Schedules.fromEnvironment(env), Slack.fromEnvironment(env), MatrixConfig.fromEnvironment(env).orElse(null),
                github, Guards.fromEnvironment(env), discourse,
                ChecklistFile.fromEnvironment(env));
    }

    /** {@code true} or {@code false} (any case), unset for false; anything else is a one-line error naming the variable. */
    static boolean flag(Map<String, String> env, String name) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return false;
        }
        if (raw.strip().equalsIgnoreCase("true") || raw.strip().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw.strip());
        }
        throw new IllegalArgumentException(name + " must be true or false, not '" + raw + "'.");
    }

    /** A whole number from the environment, or a one-line error naming the variable. */
    static long number(Map<String, String> env, String name, long fallback, long min, long max) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", not '" + raw + "'.");
    }

    public BotConfig withDatabase(Path file) {
        return withDatabase(file.toString());
    }

    /** The same configuration on the database at {@code location} (a file path or a URL), with the same password. */
    public BotConfig withDatabase(String location) {
        return new BotConfig(new Database(location, database.password()), admins, consoleUser, tagCommand, tagTimeout, gitCache, roleDeadline, announceTemplate, httpHost,
                port, publicUrl, schedules, slack, matrix, github, guards, discourse, checklist);
    }

    public BotConfig withConsoleUser(MemberId user) {
        return new BotConfig(database, admins, user, tagCommand, tagTimeout, gitCache, roleDeadline, announceTemplate, httpHost,
                port, publicUrl, schedules, slack, matrix, github, guards, discourse, checklist);
    }

    public BotConfig withAdmins(Set<MemberId> newAdmins, Path cache) {
        return new BotConfig(database, newAdmins, consoleUser, tagCommand, tagTimeout, cache, roleDeadline, announceTemplate,
                httpHost, port, publicUrl, schedules, slack, matrix, github, guards, discourse, checklist);
    }

    public BotConfig withGuards(Guards newGuards) {
        return new BotConfig(database, admins, consoleUser, tagCommand, tagTimeout, gitCache, roleDeadline, announceTemplate,
                httpHost, port, publicUrl, schedules, slack, matrix, github, newGuards, discourse, checklist);
    }

    /** {@code commands/tag-release} in the working directory, else beside the jar's folder (target/../commands). */
    static Path defaultTagCommand() {
        Path here = Path.of("commands", "tag-release");
        if (Files.isExecutable(here)) {
            return here.toAbsolutePath();
        }
        try {
            Path jar = Path.of(BotConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path besideJar = jar.getParent().resolveSibling("commands").resolve("tag-release");
            if (Files.isExecutable(besideJar)) {
                return besideJar;
            }
        } catch (Exception ignored) {
            // fall back to the relative path; the tag run reports if it cannot start
        }
        return here.toAbsolutePath();
    }
}
