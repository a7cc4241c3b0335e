package dev.btrbot.bench;

import dev.btrbot.adapter.store.Database;
import dev.btrbot.adapter.store.LeaderLease;
import dev.btrbot.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Three replicas (separate JVMs) on one PostgreSQL database; the leader is killed with SIGKILL, again and
 * again, each time after it has led for 8 s (the killed replica comes back as a new process). Each replica, while it believes it leads, records one row per second it leads in ({@code drill_tick}).
 * Prints how long each hand-over took (kill to another replica's first renewal) and how many seconds two
 * replicas both led (must be 0). Run with bench/replica-drill.sh.
 */
public final class ReplicaDrill {
    private static final Duration LEADS_BEFORE_KILL = Duration.ofSeconds(8);
    private ReplicaDrill() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String url = TestPostgres.freshDatabase() + "?user=" + TestPostgres.USER;
        try (Database db = Database.open(url, null); Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("create table drill_tick (holder text not null, second bigint not null, primary key (second, holder))");
        }
        List<Process> replicas = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            names.add("replica-" + i);
            replicas.add(start(url, "replica-" + i));
        }
        List<Double> handovers = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url)) {
            for (int round = 1; round <= rounds; round++) {
                String leader = waitForLeader(c, 0, null);
                Thread.sleep(LEADS_BEFORE_KILL.toMillis()); // let it lead a while, as a leader would, before it dies
                int index = names.indexOf(leader);
                long killedAt = System.currentTimeMillis();
                replicas.get(index).destroyForcibly().waitFor();
                String next = waitForLeader(c, killedAt, leader);
                double seconds = (System.currentTimeMillis() - killedAt) / 1000.0;
                handovers.add(seconds);
                System.out.printf("round %d: killed %s (SIGKILL); %s leads %.1f s later%n", round, leader, next, seconds);
                String reborn = leader.replaceAll("(-gen\\d+)?$", "") + "-gen" + (round + 1);
                names.set(index, reborn);
                replicas.set(index, start(url, reborn));
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select count(*) from (select second from drill_tick group by second having count(distinct holder) > 1) both_led")) {
                rs.next();
                int overlap = rs.getInt(1);
                try (ResultSet all = c.createStatement().executeQuery("select count(*), count(distinct holder) from drill_tick")) {
                    all.next();
                    System.out.printf("hand-over: max %.1f s, mean %.1f s over %d kills (bound: %d s)%n",
                            handovers.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                            handovers.stream().mapToDouble(Double::doubleValue).average().orElse(0), rounds,
                            LeaderLease.HANDOVER.toSeconds());
                    System.out.printf("seconds led: %d by %d replicas; seconds two replicas both led: %d%n", all.getInt(1),
                            all.getInt(2), overlap);
                }
            }
        } finally {
            replicas.forEach(Process::destroyForcibly);
        }
    }

    /** The holder of a lease renewed after {@code sinceMillis} by someone other than {@code not}. */
    private static String waitForLeader(Connection c, long sinceMillis, String not) throws Exception {
        long deadline = System.currentTimeMillis() + Duration.ofMinutes(2).toMillis();
        while (System.currentTimeMillis() < deadline) {
            try (ResultSet rs = c.createStatement().executeQuery("select holder, renewed_at from leader_lease where name = 'serve'")) {
                if (rs.next() && rs.getLong(2) > sinceMillis && !rs.getString(1).equals(not)) {
                    return rs.getString(1);
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no leader within two minutes");
    }

    private static Process start(String url, String name) throws Exception {
        return new ProcessBuilder(Path.java(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                System.getProperty("java.class.path"), Replica.class.getName(), url, name).inheritIO().start();
    }

    private static final class Path {
        static String java() {
            return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
    }

    /** One replica: holds or waits for the lease, and records each second it believes it leads. */
    public static final class Replica {
        public static void main(String[] args) throws Exception {
            Database db = Database.open(args[0], null);
            LeaderLease lease = new LeaderLease(db, "serve", args[1], Clock.systemUTC());
            lease.start();
            while (true) {
                if (lease.leads()) {
                    long second = System.currentTimeMillis() / 1000;
                    db.jdbi().useHandle(h -> h.createUpdate("insert into drill_tick (holder, second) values (:h, :s) on conflict do nothing")
                            .bind("h", args[1]).bind("s", second).execute());
                }
                Thread.sleep(250);
            }
        }
    }
}
