package dev.btrbot.bench;

import static dev.btrbot.testing.TestGit.git;

import dev.btrbot.adapter.slack.SlackForBench;
import dev.btrbot.testing.TestGit;
import dev.btrbot.testing.TestPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replica drill: three {@code serve} replicas (real processes, {@code java -jar target/btr-bot.jar serve}) on
 * one PostgreSQL database (a real server on loopback, started here), Slack's HTTP endpoint of every replica fed
 * signed {@code /btr} commands (the tests' fake Slack answers the Web API and the response URLs). A scripted
 * release: six releases, three of them with a daily summary falling due during the drill; sign-offs streaming in to
 * random replicas the whole time; tag runs of r1 and r2 sent to the leader (and to another replica at once) just
 * before it is killed. The leader is killed with SIGKILL every round and started again. {@link DrillChecks} then
 * prints each check. Run with bench/serve-drill.sh [rounds].
 */
public final class ServeDrill {
    static final String ADMIN = "UNED00001";
    static final List<String> RELEASES = List.of("r1", "r2", "r3", "r4", "r5", "r6");
    static final List<String> TAGGED = List.of("r1", "r2");
    /** The releases whose daily summary falls due during the drill, a minute apart. */
    static final List<String> SUMMARIES = List.of("r3", "r4", "r5");
    /** The release the sign-off stream goes to (never tagged, so every sign-off is accepted; no summary due). */
    static final String STREAM = "r6";

    private ServeDrill() {
    }

    static String channel(String release) {
        return "C0DRILL0" + release.substring(1);
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        Random random = new Random(args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime());
        Path dir = Files.createTempDirectory("btr-serve-drill-");
        Map<String, Path> remotes = new LinkedHashMap<>();
        for (String repo : List.of("configuration", "edx-platform")) {
            remotes.put(repo, remote(dir, repo));
        }
        String url = TestPostgres.freshDatabase() + "?user=" + TestPostgres.USER;
        System.out.println("PostgreSQL " + url.replaceAll("\\?.*", "") + "; replicas' logs in " + dir);
        Map<String, String> env = Map.of("BTR_ADMINS", ADMIN, "BTR_TICK_SECONDS", "1",
                "BTR_TAG_COMMAND", Path.of("commands", "tag-release").toAbsolutePath().toString(),
                "BTR_GIT_CACHE", dir.resolve("git-cache").toString(), "BTR_CHECKLIST_FILE", "/dev/null");
        int code;
        try (SlackForBench slack = new SlackForBench(); ServeReplicas replicas = new ServeReplicas(url, slack, dir, env)) {
            replicas.start(3);
            SlackTraffic traffic = new SlackTraffic(slack);
            LocalTime lastSummary = setUp(replicas, traffic, remotes);
            List<Double> handovers = new ArrayList<>();
            AtomicBoolean streaming = new AtomicBoolean(true);
            Thread stream = new Thread(() -> signOffs(replicas, traffic, streaming), "sign-offs");
            stream.start();
            for (int round = 1; round <= rounds; round++) {
                int leader = replicas.awaitLeader(-1);
                Thread.sleep(3000 + random.nextInt(4000)); // how long it leads before it dies: the moment of the kill
                if (round <= TAGGED.size()) {
                    String release = TAGGED.get(round - 1);
                    traffic.send(replicas.all().get(leader).events(), ADMIN, "tag " + release + " --confirm");
                    traffic.send(replicas.all().get((leader + 1) % 3).events(), ADMIN, "tag " + release + " --confirm");
                    Thread.sleep(random.nextInt(1500));
                }
                long killed = System.nanoTime();
                replicas.kill(leader);
                int next = replicas.awaitLeader(leader);
                double took = (System.nanoTime() - killed) / 1e9;
                handovers.add(took);
                System.out.printf("round %d: leader replica %d killed (SIGKILL); replica %d leads %.1f s later%n", round, leader + 1,
                        next + 1, took);
                replicas.restart(leader);
            }
            awaitSummaries(replicas, lastSummary);
            for (String release : TAGGED) {
                retryTag(replicas, traffic, release);
            }
            streaming.set(false);
            stream.join();
            code = new DrillChecks(url, slack, traffic, remotes).run(handovers);
        }
        System.exit(code);
    }

    /** The releases, roles and sign-offs; each release's summary due a minute after the one before. Returns the last one's time. */
    private static LocalTime setUp(ServeReplicas replicas, SlackTraffic traffic, Map<String, Path> remotes) throws Exception {
        URI events = replicas.all().get(0).events();
        String repos = remotes.values().stream().map(p -> "file://" + p).reduce((a, b) -> a + "," + b).orElseThrow();
        LocalTime due = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        for (String r : RELEASES) {
            expect(traffic.ask(events, ADMIN, "release create " + r + " --branch release/" + r + " --repos " + repos
                    + " --channel " + channel(r)), "Created " + r);
            expect(traffic.ask(events, ADMIN, "role assign " + r + " manual-qa <@UPIERRE01>"), "");
            if (SUMMARIES.contains(r)) {
                due = due.plusMinutes(1);
                expect(traffic.ask(events, ADMIN, "schedule " + r + " set summary-at " + due), "");
            }
            expect(traffic.ask(events, "UPIERRE01", "signoff " + r + " pass --env drill"), "");
            expect(traffic.ask(events, "USOFIANE1", "signoff " + r + " pass --env drill"), "");
        }
        System.out.println("summaries due at " + due.minusMinutes(2) + ", " + due.minusMinutes(1) + ", " + due + " UTC");
        return due;
    }

    private static void expect(String answer, String containing) {
        if (!answer.contains(containing) || answer.toLowerCase().contains("error")) {
            throw new IllegalStateException("the drill's release could not be set up: " + answer);
        }
    }

    /** Sign-offs by new members, to random replicas, every 200 ms until told to stop. */
    private static void signOffs(ServeReplicas replicas, SlackTraffic traffic, AtomicBoolean streaming) {
        Random random = new Random();
        AtomicInteger member = new AtomicInteger();
        while (streaming.get()) {
            List<ServeReplicas.Replica> all = replicas.all();
            traffic.send(all.get(random.nextInt(all.size())).events(), String.format("UDRILL%04d", member.incrementAndGet()),
                    "signoff " + STREAM + " pass --env drill");
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Waits until the last summary is a minute past due (and a replica leads), so that every summary had its tick. */
    private static void awaitSummaries(ServeReplicas replicas, LocalTime last) throws InterruptedException {
        while (LocalTime.now(ZoneOffset.UTC).isBefore(last.plusSeconds(30))) {
            Thread.sleep(1000);
        }
        replicas.awaitLeader(-1);
    }

    /** The retry a person would make after the kills: 'tag --confirm' on a live replica until it is not refused for a run still going. */
    private static void retryTag(ServeReplicas replicas, SlackTraffic traffic, String release) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            String answer = traffic.ask(replicas.all().get(attempt % 3).events(), ADMIN, "tag " + release + " --confirm");
            System.out.println("retry tag " + release + ": " + answer.lines().findFirst().orElse(""));
            if (!answer.contains("running")) {
                return;
            }
            Thread.sleep(2000);
        }
    }

    private static Path remote(Path dir, String name) {
        Path work = TestGit.repo(dir.resolve("work").resolve(name));
        for (String r : RELEASES) {
            TestGit.commit(work, "VERSION", name + " " + r + "\n", "Release " + r);
            git(work, "branch", "release/" + r);
        }
        Path bare = dir.resolve("remotes").resolve(name + ".git");
        git(dir, "clone", "--quiet", "--bare", work.toString(), bare.toString());
        return bare;
    }
}
