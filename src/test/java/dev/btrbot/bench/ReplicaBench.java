package dev.btrbot.bench;

import static dev.btrbot.testing.TestGit.git;

import dev.btrbot.adapter.slack.SlackForBench;
import dev.btrbot.adapter.store.Database;
import dev.btrbot.domain.Blocker;
import dev.btrbot.domain.ReleaseName;
import dev.btrbot.testing.TestGit;
import dev.btrbot.testing.TestPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code serve} replicas (real processes) answering Slack over HTTP, side by side in one run: SQLite and
 * PostgreSQL, one replica and two. For each: {@code /btr status} at 2,000 blockers (signed request sent to the
 * answer on its response_url, one at a time, the replicas in turn) and the acknowledgement of 50 signed
 * {@code /btr status} requests sent at once (request to HTTP 200), and when the last of the 50 was answered.
 * Prints a table. Run with bench/replicas.sh [runs].
 */
public final class ReplicaBench {
    private static final String ADMIN = "UNED00001";
    private static final int BLOCKERS = 2000;
    private static final int CONCURRENT = 50;

    private ReplicaBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path dir = Files.createTempDirectory("btr-replica-bench-");
        Path remote = remote(dir);
        List<String> rows = new ArrayList<>();
        try (SlackForBench slack = new SlackForBench()) {
            for (String database : List.of("SQLite", "PostgreSQL")) {
                for (int n = 1; n <= 2; n++) {
                    String location = database.equals("SQLite") ? dir.resolve("btr-" + n + ".db").toString()
                            : TestPostgres.freshDatabase() + "?user=" + TestPostgres.USER;
                    rows.add(measure(slack, dir, remote, database, location, n, runs));
                    System.out.println(rows.get(rows.size() - 1));
                }
            }
        }
        System.out.printf("%n%-11s %8s | %-25s | %-25s | %s%n", "", "", "status, 2,000 blockers", "ack, 50 at once", "50 answered");
        System.out.printf("%-11s %8s | %12s %12s | %8s %8s %7s | %s%n", "database", "replicas", "median ms", "p95 ms", "median", "p95",
                "max", "after ms (median of batches)");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    private static String measure(SlackForBench slack, Path dir, Path remote, String database, String location, int n, int runs)
            throws Exception {
        Path logs = Files.createDirectories(dir.resolve(database + "-" + n));
        Map<String, String> env = Map.of("BTR_ADMINS", ADMIN, "BTR_GIT_CACHE", dir.resolve("git-cache").toString(),
                "BTR_DB_CREATE", "true");
        try (ServeReplicas replicas = new ServeReplicas(location, slack, logs, env)) {
            replicas.start(n);
            SlackTraffic traffic = new SlackTraffic(slack);
            List<URI> events = replicas.all().stream().map(ServeReplicas.Replica::events).toList();
            String answer = traffic.ask(events.get(0), ADMIN, "release create b1 --branch release/b1 --repos file://" + remote
                    + " --channel C0BENCH01");
            if (!answer.contains("Created b1")) {
                throw new IllegalStateException("cannot set up: " + answer);
            }
            seed(location);
            for (int i = 0; i < 20; i++) {
                traffic.ask(events.get(i % n), String.format("UTESTER%03d", i), "signoff b1 " + (i % 7 == 0 ? "fail" : "pass") + " --env e" + i);
            }
            List<Double> status = new ArrayList<>();
            for (int i = 0; i < runs + 5; i++) {
                Instant t0 = Instant.now();
                SlackTraffic.Sent s = traffic.send(events.get(i % n), ADMIN, "status b1");
                Instant at = traffic.await(s, Duration.ofSeconds(60)).orElseThrow().at();
                if (i >= 5) {
                    status.add(Duration.between(t0, at).toNanos() / 1e6);
                }
            }
            List<Double> acks = new ArrayList<>();
            List<Double> answered = new ArrayList<>();
            for (int batch = 0; batch < 6; batch++) {
                Instant t0 = Instant.now();
                List<SlackTraffic.Sent> sent = new ArrayList<>();
                for (int i = 0; i < CONCURRENT; i++) {
                    sent.add(traffic.send(events.get(i % n), ADMIN, "status b1"));
                }
                Instant last = t0;
                for (SlackTraffic.Sent s : sent) {
                    if (!SlackTraffic.acked(s)) {
                        throw new IllegalStateException("a request was not acknowledged: " + s.ack().join());
                    }
                    Instant at = traffic.await(s, Duration.ofSeconds(120)).orElseThrow().at();
                    last = at.isAfter(last) ? at : last;
                    if (batch > 0) {
                        acks.add(s.ackNanos()[0] / 1e6);
                    }
                }
                if (batch > 0) {
                    answered.add(Duration.between(t0, last).toNanos() / 1e6);
                }
            }
            return String.format("%-11s %8d | %12.0f %12.0f | %8.0f %8.0f %7.0f | %.0f", database, n, median(status), p95(status),
                    median(acks), p95(acks), Collections.max(acks), median(answered));
        }
    }

    /** 2,000 blockers (one in ten closed) written straight to the store, as a sync would. */
    private static void seed(String location) {
        try (Database db = Database.open(location, null)) {
            ReleaseName b1 = new ReleaseName("b1");
            Instant at = Instant.now();
            db.store().write(tx -> {
                for (int i = 1; i <= BLOCKERS; i++) {
                    Blocker b = tx.blockers().add(b1, "https://github.com/openedx/configuration/issues/" + i, "issue " + i, null, null,
                            Blocker.Origin.MANUAL, at);
                    if (i % 10 == 0) {
                        tx.blockers().setOpen(b1, b.number(), false, at);
                    }
                }
                return null;
            });
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static double p95(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get((int) Math.ceil(s.size() * 0.95) - 1);
    }

    private static Path remote(Path dir) {
        Path work = TestGit.repo(dir.resolve("work"));
        TestGit.commit(work, "VERSION", "b1\n", "Release b1");
        git(work, "branch", "release/b1");
        Path bare = dir.resolve("remote.git");
        git(dir, "clone", "--quiet", "--bare", work.toString(), bare.toString());
        return bare;
    }
}
