package dev.btrbot.bench;

import static dev.btrbot.testing.TestGit.git;

import dev.btrbot.adapter.store.SqliteStore;
import dev.btrbot.domain.Release;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.domain.ReleaseState;
import dev.btrbot.domain.TagRun;
import dev.btrbot.testing.TestGit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The kill -9 drill: a scripted tag run over two repositories
 * ({@code tag r1 --confirm} in the real bot, a JVM of its own, with the real
 * {@code commands/tag-release} pushing to two bare repositories), the bot
 * killed with SIGKILL at a random moment of it, then restarted and the tag
 * retried, many times. After every restart and every retry, with no run
 * recorded as running, it checks the invariant: the release is recorded
 * tagged exactly when every repository carries the tag on its signed commit,
 * and no repository carries it on any other commit.
 *
 * <p>Run with {@code bench/tag-kill-drill.sh [rounds] [seed]}; {@code TagKillDrillTest}
 * runs a few rounds in the suite.
 */
public final class TagKillDrill {
    static final String RELEASE = "r1";
    private static final Pattern COMMAND_PID = Pattern.compile("pid (\\d+) on ");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final Path dir;
    private final Path template;
    final Path a;
    final Path b;
    /** Each repository's signed-off commit: the head of its release branch. */
    final Map<Path, String> signed = new java.util.HashMap<>();

    /** What a drill found. */
    public record Figures(int runs, int kills, int killsWhileTheCommandRan, int stillRunningAtRestart,
                          Map<String, Integer> settledAtRestart, int checks, List<String> violations) {
        @Override
        public String toString() {
            return String.format("runs: %d (two repositories, pushes of 50 ms to 3 s; the bot's JVM killed with SIGKILL at a random"
                            + " moment of 'tag r1 --confirm', then restarted and the tag retried)%n"
                            + "kills: %d (%d while the tag command ran, %d before it started; %d runs ended before their kill)%n"
                            + "still running at the first restart: %d (the restarted bot waited for the command, then settled the run)%n"
                            + "settled at restart from the repositories: %s%n"
                            + "invariant checks: %d (after every restart and every retry)%n"
                            + "invariant violations: %d%s",
                    runs, kills, killsWhileTheCommandRan, kills - killsWhileTheCommandRan, runs - kills, stillRunningAtRestart,
                    settledAtRestart.isEmpty() ? "none" : settledAtRestart, checks, violations.size(),
                    violations.isEmpty() ? "" : "\n  " + String.join("\n  ", violations));
        }
    }

    /** Two bare repositories whose pushes take a while (a remote's round trip), and a release signed off in a database. */
    public TagKillDrill(Path dir) throws Exception {
        this.dir = dir;
        a = remote("configuration");
        b = remote("edx-platform");
        pushDelay(Duration.ZERO);
        for (Path remote : List.of(a, b)) {
            signed.put(remote, git(remote, "rev-parse", "release/" + RELEASE));
            TestGit.executable(remote.resolve("hooks/pre-receive"), "#!/bin/sh\nsleep \"$(cat '" + delayFile() + "')\"\n");
        }
        template = dir.resolve("template.db");
        String out = converse(template, String.join("\n",
                "release create " + RELEASE + " --branch release/" + RELEASE + " --repos file://" + a + ",file://" + b,
                "role assign " + RELEASE + " manual-qa pierre",
                "@pierre: signoff " + RELEASE + " pass --env drill",
                "@sofiane: signoff " + RELEASE + " pass --env drill", ""));
        if (!out.contains("Created " + RELEASE) || out.contains("error:")) {
            throw new IllegalStateException("the drill's release could not be set up:\n" + out);
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        Path dir = Files.createTempDirectory("btr-tag-kill-drill-");
        System.out.println("seed " + seed + ", in " + dir);
        Figures figures = new TagKillDrill(dir).drill(rounds, new Random(seed), Duration.ofSeconds(3));
        System.out.println(figures);
        System.exit(figures.violations().isEmpty() ? 0 : 1);
    }

    /** How long each push takes from now on. */
    void pushDelay(Duration delay) throws IOException {
        Files.writeString(delayFile(), String.format(java.util.Locale.ROOT, "%.3f", delay.toMillis() / 1000.0));
    }

    private Path delayFile() {
        return dir.resolve("push-delay");
    }

    /**
     * Runs the drill: one calibration run without a kill, then {@code rounds}
     * killed ones. Each round's pushes take from 50 ms to {@code slowestPush},
     * so that the command sometimes outlives the bot's restart; a quarter of
     * the kills come before the command was launched, the rest while it may run.
     */
    public Figures drill(int rounds, Random random, Duration slowestPush) throws Exception {
        Timeline timeline = calibrate();
        int kills = 0;
        int whileRunning = 0;
        int stillRunning = 0;
        int checks = 0;
        Map<String, Integer> settled = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Path db = fresh(round);
            long push = 50 + random.nextInt((int) Math.max(1, slowestPush.toMillis() - 50));
            pushDelay(Duration.ofMillis(push));
            Bot bot = startBot(db, "tag " + RELEASE + " --confirm\n");
            boolean beforeTheCommand = random.nextInt(4) == 0;
            if (beforeTheCommand) {
                pause((long) (timeline.toLaunch * (0.5 + random.nextDouble() * 0.5)));
            } else if (awaitLaunch(db, bot)) {
                pause((long) (random.nextDouble() * (timeline.command + 2 * push) * 1.1));
            }
            boolean running = Files.exists(runs(db)) && !isEmpty(runs(db));
            if (bot.isAlive()) {
                bot.process().destroyForcibly();
                kills++;
                whileRunning += running ? 1 : 0;
            }
            bot.process().waitFor(30, TimeUnit.SECONDS);

            String restart = converse(db, "status " + RELEASE + "\n");
            if (restart.contains(") is still running:")) {
                stillRunning++;
                awaitEnd(restart);
                restart = converse(db, "status " + RELEASE + "\n");
            }
            count(settled, restart);
            checks++;
            violation(db).ifPresent(v -> violations.add("after the restart: " + v));

            String retry = retry(db);
            checks++;
            int r = round;
            violation(db).ifPresent(v -> violations.add("round " + r + ", after the retry: " + v + "\n" + retry));
        }
        return new Figures(rounds, kills, whileRunning, stillRunning, settled, checks, violations);
    }

    /** How long a run takes unkilled: from the bot's start to its command's launch, and the command itself. */
    private record Timeline(long toLaunch, long command) {
    }

    private Timeline calibrate() throws Exception {
        pushDelay(Duration.ZERO);
        Path db = fresh(0);
        long t0 = System.nanoTime();
        Bot bot = startBot(db, "tag " + RELEASE + " --confirm\n");
        if (!awaitLaunch(db, bot)) {
            throw new IllegalStateException("the calibration run never launched its command:\n" + Files.readString(bot.out()));
        }
        long t1 = System.nanoTime();
        bot.process().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        long t2 = System.nanoTime();
        Optional<String> v = violation(db);
        if (v.isPresent() || !tagged(db)) {
            throw new IllegalStateException("the calibration run did not tag: " + v.orElse("release not tagged"));
        }
        return new Timeline((t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    /** The retry a person would make: 'tag --confirm' until it was not refused for a run still going. */
    String retry(Path db) throws Exception {
        String out = "";
        for (int attempt = 0; attempt < 5; attempt++) {
            out = converse(db, "tag " + RELEASE + " --confirm\n");
            if (!out.contains("is already running") && !out.contains(") is still running:")) {
                return out;
            }
            awaitEnd(out);
        }
        throw new IllegalStateException("the run never ended:\n" + out);
    }

    /**
     * The invariant, read from the database and the repositories while no run
     * is recorded as running: recorded tagged ⇔ every repository carries the
     * tag on its signed commit; no tag on any other commit.
     */
    Optional<String> violation(Path db) {
        SqliteStore store = SqliteStore.open(db);
        ReleaseName name = new ReleaseName(RELEASE);
        Release release = store.read(tx -> tx.releases().find(name)).orElseThrow();
        List<TagRun> runs = store.read(tx -> tx.tagRuns().forRelease(name));
        if (runs.stream().anyMatch(r -> r.state() == TagRun.State.RUNNING)) {
            return Optional.empty(); // not at rest: checked once it has ended
        }
        boolean recorded = release.state() == ReleaseState.TAGGED;
        List<String> problems = new ArrayList<>();
        boolean everyOne = true;
        for (Path remote : List.of(a, b)) {
            Map<String, String> tags = tags(remote);
            everyOne &= signed.get(remote).equals(tags.get(RELEASE));
            tags.forEach((tag, commit) -> {
                if (!commit.equals(signed.get(remote))) {
                    problems.add(remote.getFileName() + " carries " + tag + " on " + commit + ", not the signed commit");
                }
            });
        }
        if (recorded != everyOne) {
            problems.add("recorded " + release.state().label() + " while " + (everyOne ? "every" : "not every")
                    + " repository carries " + RELEASE + " (" + tags(a) + " / " + tags(b) + "; runs "
                    + runs.stream().map(r -> r.state().label()).toList() + ")");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    boolean tagged(Path db) {
        return SqliteStore.open(db).read(tx -> tx.releases().find(new ReleaseName(RELEASE))).orElseThrow().state()
                == ReleaseState.TAGGED;
    }

    /** Each tag of a repository and the commit it is on. */
    Map<String, String> tags(Path remote) {
        Map<String, String> tags = new TreeMap<>();
        String lines = git(remote, "for-each-ref", "--format=%(refname:strip=2) %(*objectname) %(objectname)", "refs/tags");
        for (String line : lines.split("\n")) {
            String[] f = line.trim().split(" +");
            if (f.length >= 2) {
                tags.put(f[0], f[1]); // the peeled commit of an annotated tag, else the commit itself
            }
        }
        return tags;
    }

    /** A round's database: the signed-off release, no tag run yet; no tag in either repository. */
    Path fresh(int round) throws IOException {
        for (Path remote : List.of(a, b)) {
            for (String tag : tags(remote).keySet()) {
                git(remote, "tag", "-d", tag);
            }
        }
        Path db = dir.resolve("round-" + round).resolve("btr.db");
        Files.createDirectories(db.getParent());
        Files.copy(template, db, StandardCopyOption.REPLACE_EXISTING);
        return db;
    }

    /** A bot's JVM and the file its output goes to. */
    record Bot(Process process, Path out) {
        boolean isAlive() {
            return process.isAlive();
        }
    }

    /** The bot's console on {@code db}, in a JVM of its own, reading {@code input}. */
    Bot startBot(Path db, String input) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), "dev.btrbot.Main", "console", "--db", db.toString()));
        Path out = Files.createTempFile(db.getParent(), "bot-", ".out");
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().remove("BTR_ADMINS");
        builder.environment().put("BTR_CONSOLE_USER", "ned");
        builder.environment().put("BTR_GIT_CACHE", dir.resolve("git-cache").toString());
        builder.environment().put("BTR_TAG_COMMAND", Path.of("commands", "tag-release").toAbsolutePath().toString());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        // the drill is about the tag run, not the runbook: no checklist to tick
        builder.environment().put("BTR_CHECKLIST_FILE", "/dev/null");
        Process bot = builder.start();
        bot.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        bot.getOutputStream().close();
        return new Bot(bot, out);
    }

    /** Runs the bot to its end and returns what it printed. */
    String converse(Path db, String input) throws Exception {
        Bot bot = startBot(db, input);
        if (!bot.process().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            bot.process().destroyForcibly();
            throw new IllegalStateException("the bot did not finish: " + input);
        }
        return Files.readString(bot.out());
    }

    /** The tag command's output file appears when it is launched; false when the bot ended first. */
    boolean awaitLaunch(Path db, Bot bot) throws InterruptedException {
        Path runs = runs(db);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(runs) && !isEmpty(runs)) {
                return true;
            }
            if (!bot.isAlive()) {
                return false;
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("the tag command was never launched");
    }

    /** Waits until the command a bot's message names ("pid 4242 on host") has ended. */
    static void awaitEnd(String message) throws InterruptedException {
        Matcher m = COMMAND_PID.matcher(message);
        if (!m.find()) {
            throw new IllegalStateException("no command pid in: " + message);
        }
        Path stat = Path.of("/proc", m.group(1), "stat");
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String line = Files.readString(stat);
                if (line.substring(line.lastIndexOf(')') + 2).startsWith("Z")) {
                    return; // ended; nobody has reaped it yet
                }
            } catch (IOException e) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the tag command " + m.group(1) + " never ended");
    }

    static Path runs(Path db) {
        return db.resolveSibling(db.getFileName() + ".tag-runs");
    }

    private static boolean isEmpty(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return true;
        }
    }

    private static void count(Map<String, Integer> settled, String restart) {
        if (restart.contains("so it is recorded as succeeded")) {
            settled.merge("succeeded", 1, Integer::sum);
        }
        if (restart.contains("It is PARTIAL")) {
            settled.merge("partial", 1, Integer::sum);
        }
        if (restart.contains("was interrupted by a crash")) {
            settled.merge("interrupted", 1, Integer::sum);
        }
    }

    private static void pause(long millis) throws InterruptedException {
        // the moment of the kill, not a wait for work to finish
        Thread.sleep(Math.max(0, millis));
    }

    private Path remote(String name) {
        Path work = TestGit.repo(dir.resolve("work").resolve(name));
        TestGit.commit(work, "VERSION", name + " " + RELEASE + "\n", "Release " + RELEASE); // each repository its own commit
        git(work, "branch", "release/" + RELEASE);
        Path bare = dir.resolve("remotes").resolve(name + ".git");
        git(dir, "clone", "--quiet", "--bare", work.toString(), bare.toString());
        return bare;
    }
}
